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
 *
 * On a rebuild the process is started as the build's pages stage starts (startSearchApart): it
 * loads its modules (cheerio, Pagefind's client) meanwhile, not once the pages are built.
 */
import { messages } from '../messages.ts';
import { basePath } from '../site/paths.ts';
import path from 'node:path';
import {
  COMPILE_CACHE,
  nextMessage,
  startStageProcess,
  serveStageProcess,
  type StartedStage,
} from '../stage-process.ts';
import { buildSearchIndex, type LastSite } from './search.ts';
import { SEARCH_BUNDLE_DIR } from '../site/paths.ts';

/** What the search process is sent. */
interface SearchJob {
  siteDir: string;
  base: string;
  cacheDir: string | undefined;
  /** The last build's search bundle, whose fragments of pages unchanged are linked, not written again. */
  lastBundle?: string | undefined;
}

/**
 * What a search process started ahead with the last build's site is sent first: the job but the
 * site being built, which follows (`{ siteDir }`, or the whole job). Meanwhile it indexes the last
 * site's pages that come before the changed sheets' (src/publish/search.ts LastSite).
 */
export interface SearchStart {
  base: string;
  cacheDir: string | undefined;
  last: LastSite;
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
  options: SearchApart = {},
): Promise<number> {
  const job = { siteDir, base, cacheDir };
  return searchDone(job, heapMb, options, (limit) => {
    const started = startSearchProcess(limit, undefined);
    // A build that fails meanwhile (the print beside it) does not wait for the whole index.
    options.signal?.addEventListener('abort', () => void started.stop(), { once: true });
    return started.run(job);
  });
}

/** How buildSearchIndexApart runs its process. */
export interface SearchApart {
  /** Aborted: the process is killed (the promise then rejects). */
  signal?: AbortSignal;
}

/** The search process, started ahead of its stage (startSearchApart). */
export interface SearchAhead {
  /**
   * `buildSearchIndexApart` in the process started already, with the last build's search bundle
   * (`lastBundle`; when started with the last site, its bundle).
   */
  run(siteDir: string, base?: string, cacheDir?: string, lastBundle?: string): Promise<number>;
  /** Kills the process if it still runs (the build stopped first); resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts a search process now, for a job sent later; with the project's `root`, its modules are
 * compiled through the project's compile cache (COMPILE_CACHE).
 */
export function startSearchApart(root?: string, start?: SearchStart): SearchAhead {
  const started = startSearchProcess(SEARCH_HEAP_MB, root, start);
  return {
    run: (siteDir, base = basePath(), cacheDir, lastBundle) => {
      const job = { siteDir, base, cacheDir, lastBundle };
      if (start !== undefined && (start.base !== base || start.cacheDir !== cacheDir))
        throw new Error('the search process was started ahead for another base path or cache');
      let first = true;
      return searchDone(job, SEARCH_HEAP_MB, {}, (limit) => {
        // The process started ahead, then (out of its heap) one without a limit.
        if (!first) return startSearchProcess(limit, undefined).run(job);
        first = false;
        return started.run(start === undefined ? job : { siteDir });
      });
    },
    stop: () => started.stop(),
  };
}

/** A search process with the heap limit `heapMb` (none when undefined). */
function startSearchProcess(
  heapMb: number | undefined,
  root: string | undefined,
  first?: SearchStart,
): StartedStage<SearchJob | Pick<SearchJob, 'siteDir'>, SearchAnswer> {
  return startStageProcess<SearchJob | Pick<SearchJob, 'siteDir'>, SearchAnswer>(
    {
      file: import.meta.filename,
      flag: AS_PROCESS,
      heapMb,
      what: 'the search stage',
      ...(root === undefined ? {} : { env: { NODE_COMPILE_CACHE: path.join(root, COMPILE_CACHE) } }),
    },
    first,
  );
}

/**
 * The count the process `run(heapMb)` started ended with, or its error thrown; out of its heap, the
 * job again without a limit (in a process run as the first was: `options`).
 */
async function searchDone(
  job: SearchJob,
  heapMb: number | undefined,
  options: SearchApart,
  run: (heapMb: number | undefined) => Promise<SearchAnswer | 'out of memory'>,
): Promise<number> {
  const answer = await run(heapMb);
  if (answer === 'out of memory') {
    if (heapMb === undefined) throw new Error('the search process ran out of memory');
    if (options.signal?.aborted === true) throw new Error('the search stage was stopped');
    process.stdout.write(`${messages.searchHeapExceeded(heapMb)}\n`);
    return searchDone(job, undefined, options, run);
  }
  if (answer.ok) return answer.count;
  const error = new Error(answer.message);
  if (answer.stack !== undefined) error.stack = answer.stack;
  throw error;
}

/** In the search process: the job, or (started with the last site) the index started ahead, then the site it is for. */
function serve(job: SearchJob | SearchStart): Promise<number> {
  if (!('last' in job)) return buildSearchIndex(job.siteDir, job.base, job.cacheDir, undefined, job.lastBundle);
  const site = nextMessage<Pick<SearchJob, 'siteDir'>>().then((next) => next.siteDir);
  return buildSearchIndex(site, job.base, job.cacheDir, job.last, path.join(job.last.siteDir, SEARCH_BUNDLE_DIR));
}

serveStageProcess(import.meta.filename, AS_PROCESS, (job: SearchJob | SearchStart) =>
  serve(job).then(
    (count): SearchAnswer => ({ ok: true, count }),
    (error: unknown): SearchAnswer =>
      error instanceof Error
        ? { ok: false, message: error.message, stack: error.stack }
        : { ok: false, message: String(error), stack: undefined },
  ),
);
