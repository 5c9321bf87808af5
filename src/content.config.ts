import { defineCollection } from 'astro:content';
import { contentLoader } from './content/loader.ts';
import { CommitmentSchema } from './schemas/commitment.ts';
import { MemberSchema } from './schemas/member.ts';
import { PolicyAreaSchema } from './schemas/policy-area.ts';
import { RecommendationsSchema } from './schemas/recommendations.ts';
import {
  CommitmentTranslationSchema,
  PolicyAreaTranslationSchema,
  RecommendationsTranslationSchema,
} from './schemas/translation.ts';

// Every collection is a view of one validated run of content/ and data/ (src/content/loader.ts):
// ids are file names (without extension), translations "<lang>/<English id>", members their names.
// The schemas give the entries their types; the data was validated by that run, not parsed again.
export const collections = {
  policyAreas: defineCollection({ loader: contentLoader('policyAreas', PolicyAreaSchema) }),
  recommendations: defineCollection({ loader: contentLoader('recommendations', RecommendationsSchema) }),
  commitments: defineCollection({ loader: contentLoader('commitments', CommitmentSchema) }),
  policyAreaTranslations: defineCollection({
    loader: contentLoader('policyAreaTranslations', PolicyAreaTranslationSchema),
  }),
  recommendationTranslations: defineCollection({
    loader: contentLoader('recommendationTranslations', RecommendationsTranslationSchema),
  }),
  commitmentTranslations: defineCollection({
    loader: contentLoader('commitmentTranslations', CommitmentTranslationSchema),
  }),
  members: defineCollection({ loader: contentLoader('members', MemberSchema) }),
};
