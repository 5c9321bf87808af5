/**
 * Stage "search" in a Node process of its own (the index itself is src/publish/search.ts).
 *
 * The stage reads every sheet page, parses it for its records and sends it to Pagefind: a few
 * hundred kilobytes of short-lived strings a page. In the build's process, whose heap holds the
 * whole validated site (about 0.25 GB at 1,000 sheets), V8 let that garbage pile up before
 * collecting it, and each collection went over the site again: at 1,000 English sheets the
 * build's process grew from 0.51 to 0.96 GB during the stage and spent a quarter of its CPU time
 * collecting. Here the heap holds little besides the page at hand, is capped, and is returned
 * when the stage ends.
 */
import { messages } from '../messages.ts';
import { basePath } from '../site/paths.ts';
import { runStageProcess, serveStageProcess } from '../stage-process.ts';
import { buildSearchIndex } from './search.ts';

/** What the search process is sent. */
interface SearchJob {
  siteDir: string;
  base: string;
  cacheDir: string | undefined;
}

/** What it answers: the number of pages and parts indexed, or the error the stage ended with. */
type SearchAnswer = { ok: true; count: number } | { ok: false; message: string; stack: string | undefined };

/** The argument that makes this module, run as a program, the search process. */
const AS_PROCESS = '--ogp-search-process';

/**
 * The V8 heap limit of the search process, MB: it holds one page at a time (Pagefind, a process
 * of its own, holds the index). A process that outgrows it is run again without the limit.
 */
export const SEARCH_HEAP_MB = 256;

/**
 * `buildSearchIndex` (same arguments, same files) in a process of its own; resolves with its
 * count once that process has ended, or rejects with the error it ended with.
 */
export async function buildSearchIndexApart(
  siteDir: string,
  base = basePath(),
  cacheDir?: string,
  heapMb: number | undefined = SEARCH_HEAP_MB,
): Promise<number> {
  const ended = await runSearchProcess({ siteDir, base, cacheDir }, heapMb);
  if (ended === 'out of memory' && heapMb !== undefined) {
    process.stdout.write(`${messages.searchHeapExceeded(heapMb)}\n`);
    return buildSearchIndexApart(siteDir, base, cacheDir, undefined);
  }
  if (ended === 'out of memory') throw new Error('the search process ran out of memory');
  return ended;
}

/** One search process with the heap limit `heapMb` (none when undefined). */
async function runSearchProcess(job: SearchJob, heapMb: number | undefined): Promise<number | 'out of memory'> {
  const answer = await runStageProcess<SearchJob, SearchAnswer>(
    { file: import.meta.filename, flag: AS_PROCESS, heapMb, what: 'the search stage' },
    job,
  );
  if (answer === 'out of memory') return answer;
  if (answer.ok) return answer.count;
  const error = new Error(answer.message);
  if (answer.stack !== undefined) error.stack = answer.stack;
  throw error;
}

serveStageProcess(AS_PROCESS, (job: SearchJob) =>
  buildSearchIndex(job.siteDir, job.base, job.cacheDir).then(
    (count): SearchAnswer => ({ ok: true, count }),
    (error: unknown): SearchAnswer =>
      error instanceof Error
        ? { ok: false, message: error.message, stack: error.stack }
        : { ok: false, message: String(error), stack: undefined },
  ),
);
