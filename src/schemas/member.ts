import { z } from 'astro/zod';
import { httpsUrl, plainText } from './common.ts';

/** One OGP member; content/members.yaml maps each member's name to one of these. */
export const MemberSchema = z
  .strictObject({
    /** "national" for a country, "local" for a city, state or province. */
    kind: z.enum(['national', 'local']),
    /** For a local member: the country it belongs to, e.g. "Argentina". */
    country: plainText(80).optional(),
    /** The member's page on opengovpartnership.org, when it differs from the usual pattern. */
    page: httpsUrl().optional(),
    /** The member's name in Spanish and French where it differs from the English one, e.g. { es: Francia }. */
    names: z.strictObject({ es: plainText(120).optional(), fr: plainText(120).optional() }).optional(),
  })
  .superRefine((member, ctx) => {
    if (member.kind === 'local' && member.country === undefined) {
      ctx.addIssue({ code: 'custom', path: ['country'], message: 'localNeedsCountry', params: { rule: 'localNeedsCountry' } });
    }
  });
export type Member = z.output<typeof MemberSchema>;

/** content/members.yaml: member name (as commitments refer to it) -> member. */
export const MembersFileSchema = z.record(plainText(120), MemberSchema);
