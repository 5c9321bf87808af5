/**
 * A past edition's PDF at its permanent address, /policy-areas/<slug>/editions/<date>/<file>.pdf
 * (/es/policy-areas/... for the Spanish one): the bytes kept under editions/<slug>/<date>/ in the
 * project, served as they are.
 */
import { readFileSync } from 'node:fs';
import type { APIRoute, GetStaticPaths } from 'astro';
import { languages } from '../../../../../../i18n/index.ts';
import { sheetKeyed } from '../../../../../../site/page-keys.ts';
import { langParam } from '../../../../../../site/paths.ts';
import { allSheets, keptEditions } from '../../../../../../site/sheet.ts';

export const getStaticPaths = (async () => {
  const paths = [];
  for (const entry of await allSheets()) {
    for (const lang of languages) {
      for (const edition of await keptEditions(entry.id, lang)) {
        for (const pdf of edition.pdfs) {
          paths.push({
            params: { lang: langParam(lang), slug: entry.id, date: edition.date, file: pdf.fileName },
            props: { source: pdf.source },
            ...sheetKeyed(entry.id),
          });
        }
      }
    }
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ source: string }> = ({ props }) =>
  new Response(readFileSync(props.source), { headers: { 'Content-Type': 'application/pdf' } });
