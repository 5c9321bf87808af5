/**
 * How a notable commitment names its member, in the page's language: the member's name (its
 * `names` entry in Spanish or French, else the English one), and for a local member its country.
 * OGP's export names local members with their country already ("Buenos Aires, Argentina"), and so
 * does content/members.yaml: a name with a comma names its place, and the country is not added
 * again ("Buenos Aires, Argentina, Argentina"). A country is written in the language when
 * content/members.yaml lists it as a member with a name in it.
 */
import type { Member } from '../schemas/member.ts';

export function memberLabel(name: string, members: Readonly<Record<string, Member>>, lang: string): string {
  const member = members[name];
  const inLanguage = (key: string): string =>
    (lang === 'es' || lang === 'fr' ? members[key]?.names?.[lang] : undefined) ?? key;
  const shown = inLanguage(name);
  if (member?.kind !== 'local' || member.country === undefined || shown.includes(',')) return shown;
  return `${shown}, ${inLanguage(member.country)}`;
}
