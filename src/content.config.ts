import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { CommitmentSchema } from './schemas/commitment.ts';
import { MemberSchema } from './schemas/member.ts';
import { PolicyAreaSchema } from './schemas/policy-area.ts';
import { RecommendationsSchema } from './schemas/recommendations.ts';

// Ids are file names (without extension), whatever the frontmatter says: they are
// the URLs partners link to, and `npm run check` validates every reference to them.
const fileStem = ({ entry }: { entry: string }) => entry.replace(/\.[^.]+$/, '');

export const collections = {
  policyAreas: defineCollection({
    loader: glob({ pattern: '*.mdx', base: './content/policy-areas', generateId: fileStem }),
    schema: PolicyAreaSchema,
  }),
  recommendations: defineCollection({
    loader: glob({ pattern: '*.yaml', base: './content/recommendations', generateId: fileStem }),
    schema: RecommendationsSchema,
  }),
  commitments: defineCollection({
    loader: glob({ pattern: '*.yaml', base: './content/commitments', generateId: fileStem }),
    schema: CommitmentSchema,
  }),
  members: defineCollection({
    loader: file('./content/members.yaml'),
    schema: MemberSchema,
  }),
};
