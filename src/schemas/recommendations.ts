import { z } from 'astro/zod';
import { markdownText, plainText, slug } from './common.ts';

/** One group of recommendations under a heading, e.g. "Protect Civic Space Online". */
export const RecommendationGroupSchema = z.strictObject({
  /** The anchor partners link to; defaults to the heading in lowercase-hyphen form. */
  id: slug().optional(),
  /** The group's heading. */
  title: plainText(100),
  /** Two to five recommendations, each one sentence or two; markdown links allowed. */
  items: z.array(markdownText(400)).min(2).max(5),
});
export type RecommendationGroup = z.output<typeof RecommendationGroupSchema>;

/** content/recommendations/<slug>.yaml: the "Where to next" part of a sheet. */
export const RecommendationsSchema = z.strictObject({
  /** The sentence introducing the recommendations. */
  intro: markdownText(300),
  /** The groups, in the order the sheet shows them. */
  groups: z.array(RecommendationGroupSchema).min(1).max(5),
});
export type Recommendations = z.output<typeof RecommendationsSchema>;
