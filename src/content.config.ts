import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { translatedLanguages } from './i18n/index.ts';
import { file, glob } from 'astro/loaders';
import { CommitmentSchema } from './schemas/commitment.ts';
import { MemberSchema } from './schemas/member.ts';
import { PolicyAreaSchema } from './schemas/policy-area.ts';
import { RecommendationsSchema } from './schemas/recommendations.ts';
import {
  CommitmentTranslationSchema,
  PolicyAreaTranslationSchema,
  RecommendationsTranslationSchema,
} from './schemas/translation.ts';

// Ids are file names (without extension), whatever the frontmatter says: they are
// the URLs partners link to, and `npm run check` validates every reference to them.
const fileStem = ({ entry }: { entry: string }) => entry.replace(/\.[^.]+$/, '');
// Translations sit beside their English file, in a folder per language: id "<lang>/<English id>".
const translations = `{${translatedLanguages.join(',')}}/*`;
/** The glob loader, for a pattern that may match nothing (a project without translations): then quietly no entries. */
const optionalGlob = (options: { pattern: string; base: string; generateId: typeof fileStem }): Loader => {
  const inner = glob(options);
  return {
    name: 'optional-glob',
    load: async (context) => {
      const dir = fileURLToPath(new URL(options.base, context.config.root));
      const hasFiles = translatedLanguages.some(
        (lang) => existsSync(path.join(dir, lang)) && readdirSync(path.join(dir, lang)).length > 0,
      );
      if (hasFiles) await inner.load(context);
      else context.store.clear();
    },
  };
};

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
  policyAreaTranslations: defineCollection({
    loader: optionalGlob({ pattern: `${translations}.mdx`, base: './content/policy-areas', generateId: fileStem }),
    schema: PolicyAreaTranslationSchema,
  }),
  recommendationTranslations: defineCollection({
    loader: optionalGlob({ pattern: `${translations}.yaml`, base: './content/recommendations', generateId: fileStem }),
    schema: RecommendationsTranslationSchema,
  }),
  commitmentTranslations: defineCollection({
    loader: optionalGlob({ pattern: `${translations}.yaml`, base: './content/commitments', generateId: fileStem }),
    schema: CommitmentTranslationSchema,
  }),
  members: defineCollection({
    loader: file('./content/members.yaml'),
    schema: MemberSchema,
  }),
};
