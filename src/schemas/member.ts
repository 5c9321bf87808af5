import { z } from 'astro/zod';
import { httpsUrl, plainText } from './common.ts';

/** One OGP member; content/members.yaml maps each member's name to one of these. */
export const MemberSchema = z
  .strictObject({
    kind: z.enum(['national', 'local']).describe('"national" for a country, "local" for a city, state or province.'),
    country: plainText(80).optional().describe('For a local member: the country it belongs to, e.g. "Argentina".'),
    page: httpsUrl()
      .optional()
      .describe("The member's page on opengovpartnership.org, when it differs from the usual pattern."),
    names: z
      .strictObject({
        es: plainText(120).optional().describe('The name in Spanish, e.g. Francia.'),
        fr: plainText(120).optional().describe('The name in French.'),
      })
      .optional()
      .describe("The member's name in Spanish and French where it differs from the English one, e.g. { es: Francia }."),
  })
  .superRefine((member, ctx) => {
    if (member.kind === 'local' && member.country === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['country'],
        message: 'localNeedsCountry',
        params: { rule: 'localNeedsCountry' },
      });
    }
  });
export type Member = z.output<typeof MemberSchema>;

export const MembersFileSchema = z
  .record(plainText(120), MemberSchema)
  .describe('content/members.yaml: member name (as commitments refer to it) -> member.');
