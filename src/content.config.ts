// defineCollection from Astro's own module rather than 'astro:content', which re-exports it (adding
// a check for live collections, of which this file has none): 'astro:content' is Astro's whole
// content runtime, and the pages process loads this file through Vite's module runner every
// build, where importing it transformed about 70 more modules (about 0.3 s of CPU a build).
import { defineCollection } from 'astro/content/config';
import { z } from 'astro/zod';
import { contentLoader } from './content/loader.ts';
import type { SheetEditions, SheetPage } from './content/sheet-pages.ts';
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
// The pages read every collection from the memory of the process that renders them, never from
// Astro's store (src/content/page-entries.ts), which a build leaves empty.
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
  // What each sheet page shows, per language ("<lang>/<slug>"): figures filled, charts drawn.
  // Made by the loader from the validated run (src/content/sheet-pages.ts), not parsed: typed only.
  // These two are never in Astro's store, in dev either.
  sheetPages: defineCollection({ loader: contentLoader('sheetPages', z.custom<SheetPage>()) }),
  // A sheet's past editions kept in a language ("<lang>/<slug>"), for the editions' own pages.
  sheetEditions: defineCollection({ loader: contentLoader('sheetEditions', z.custom<SheetEditions>()) }),
};
