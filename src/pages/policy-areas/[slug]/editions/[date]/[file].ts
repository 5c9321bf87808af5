/**
 * A past edition's PDF at its permanent address, /policy-areas/<slug>/editions/<date>/<file>.pdf:
 * the bytes kept under editions/<slug>/<date>/ in the project, served as they are.
 */
import { readFileSync } from 'node:fs';
import type { APIRoute, GetStaticPaths } from 'astro';
import { projectRoot } from '../../../../../charts/index.ts';
import { pastEditions } from '../../../../../site/editions.ts';
import { allSheets } from '../../../../../site/sheet.ts';

export const getStaticPaths = (async () => {
  const entries = await allSheets();
  return entries.flatMap((entry) =>
    pastEditions(projectRoot, entry.id, entry.data.edition).flatMap((edition) =>
      edition.pdfs.map((pdf) => ({
        params: { slug: entry.id, date: edition.date, file: pdf.fileName },
        props: { source: pdf.source },
      })),
    ),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ source: string }> = ({ props }) =>
  new Response(readFileSync(props.source), { headers: { 'Content-Type': 'application/pdf' } });
