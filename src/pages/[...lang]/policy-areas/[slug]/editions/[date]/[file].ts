/**
 * A past edition's PDF at its permanent address, /policy-areas/<slug>/editions/<date>/<file>.pdf
 * (/es/policy-areas/... for the Spanish one): the bytes kept under editions/<slug>/<date>/ in the
 * project, served as they are.
 */
import { readFileSync } from 'node:fs';
import type { APIRoute, GetStaticPaths } from 'astro';
import { projectRoot } from '../../../../../../charts/index.ts';
import { languages } from '../../../../../../i18n/index.ts';
import { pastEditions } from '../../../../../../site/editions.ts';
import { langParam } from '../../../../../../site/paths.ts';
import { allSheets } from '../../../../../../site/sheet.ts';

export const getStaticPaths = (async () => {
  const entries = await allSheets();
  return entries.flatMap((entry) =>
    languages.flatMap((lang) =>
      pastEditions(projectRoot, entry.id, entry.data.edition, lang).flatMap((edition) =>
        edition.pdfs.map((pdf) => ({
          params: { lang: langParam(lang), slug: entry.id, date: edition.date, file: pdf.fileName },
          props: { source: pdf.source },
        })),
      ),
    ),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ source: string }> = ({ props }) =>
  new Response(readFileSync(props.source), { headers: { 'Content-Type': 'application/pdf' } });
