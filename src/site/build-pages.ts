/**
 * Stage "pages": Astro builds the site's pages, in a Node process of its own. Astro's bundler
 * keeps about a gigabyte of native memory at 200 sheets that its process never gives back;
 * in a process of its own that memory is returned when the stage ends, before the images and
 * print stages start the browser.
 *
 * The process is given what the content loader serves (every collection's entries, made from
 * the run `npm run build` has validated and reported: src/content/loader.ts) and the sheets'
 * page keys (src/site/page-keys.ts), so nothing is validated twice and the pages are exactly
 * those an Astro build in the build's own process would make.
 *
 * `npm run build` starts the process as it starts (startPagesApart), before the content is
 * validated: while the build checks the content on one core, the process loads Astro on the
 * other (about 1,350 modules), reads its config, syncs the content (its loader holds the entries
 * still on their way: src/content/loader.ts) and bundles the site's code, which holds no content;
 * only the pages wait for the entries (src/content/page-entries.ts). They are sent once
 * validated; a failed check kills the process, which has written nothing into the site yet.
 */
import { mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { flushCompileCache } from 'node:module';
import path from 'node:path';
import { UserError } from '../diagnostics/index.ts';
import { withEntries, type LoaderEntries } from '../content/loader.ts';
import { messages } from '../messages.ts';
import {
  COMPILE_CACHE,
  nextMessage,
  startStageProcess,
  serveStageProcess,
  type StartedStage,
} from '../stage-process.ts';
import { recordCopies, recordedCopies } from './linked-pages.ts';
import { handOverPageKeys, pageKeysComing, withPageKeys } from './page-keys.ts';

/** What the pages process is sent. */
interface PagesJob {
  root: string;
  outDir: string;
  entries: LoaderEntries;
  keys: ReadonlyMap<string, string> | undefined;
}

/** The part of the job a process started ahead is sent first; the entries and keys follow (PagesRest). */
type PagesStart = Pick<PagesJob, 'root' | 'outDir'> & { entries?: undefined; keys?: undefined };

/** What a process started ahead is sent once the content is validated. */
type PagesRest = Pick<PagesJob, 'entries' | 'keys'>;

/** What it answers: done (with the keyed pages Astro rendered: PagesBuilt), or the error Astro's build ended with. */
type PagesAnswer =
  | (PagesBuilt & { ok: true })
  | {
      ok: false;
      message: string;
      stack: string | undefined;
      user: { problem: string; fix: string; file?: string; line?: number; field?: string } | undefined;
    };

/** The argument that makes this module, run as a program, the pages process. */
const AS_PROCESS = '--ogp-pages-process';

/**
 * The V8 heap limit of the pages process, MB. Uncapped, V8 lets Astro's heap grow far beyond what
 * it still uses: at 200 sheets in three languages the stage peaked at 1.66-1.73 GB (the build's
 * process and Astro's), 1.37-1.39 GB with this cap, 1.51 GB with 1024, 1.44 GB with 512; same CPU
 * time (npm run bench figures, 30 November 2026). A process that outgrows it (a much larger site)
 * is run again without the cap: more memory, never a failed build.
 */
export const PAGES_HEAP_MB = 768;

/**
 * Astro's bundler (rolldown, native) allocates with mimalloc, which by default keeps what it
 * frees for a while and commits its arenas up front: at 200 sheets in three languages Astro's
 * process peaked at 1.00-1.10 GB of resident memory with a V8 heap of 0.38 GB. Returning freed
 * memory at once and committing arenas as they are used: 0.81-0.84 GB, same pages (diff -r), no
 * more CPU time seen (one run each, load 14-16). (The V8 heap limit above does not bind there: 512, 640 and 768 MB gave the same peak;
 * glibc's MALLOC_ARENA_MAX changed nothing.) A value set in the environment is kept.
 */
const PAGES_ALLOCATOR_ENV = { MIMALLOC_PURGE_DELAY: '0', MIMALLOC_ARENA_EAGER_COMMIT: '0' };

/** Astro's cache (astro.config.mjs `cacheDir`), under the project root. */
export const ASTRO_CACHE = '.cache/astro';

/**
 * The pages built: the keyed pages (src/site/page-keys.ts) Astro rendered, by their paths in the
 * site; the others it linked or copied from its last build (src/site/linked-pages.ts). Astro keeps
 * its copy of a keyed page under <cacheDir>/dist/ and writes it only when it renders the page: the
 * rendered pages are the copies whose stamp (size, modification time) is not the one recorded when
 * Astro's last build ended (recordCopies), or that were not recorded. Taken from the records the
 * pages process reads and writes anyway: walking the 1,400 copies before and after the build (a
 * stat each) cost the build's process about 0.1-0.2 s of CPU at 200 sheets, half of it on an edit's
 * critical path.
 */
export interface PagesBuilt {
  rendered: string[];
}

/**
 * Builds the pages of the project at `root` into `outDir` in a process of its own; resolves once
 * that process has ended, with the keyed pages it rendered (PagesBuilt). Throws the error Astro's
 * build threw (a UserError stays one).
 */
export async function buildPagesApart(job: PagesJob, heapMb: number | undefined = PAGES_HEAP_MB): Promise<PagesBuilt> {
  return pagesDone(job, startPagesProcess(job.root, heapMb).run(job), heapMb);
}

/** The pages process, started ahead of the stage (startPagesApart). */
export interface PagesAhead {
  /** The staging directory Astro builds into (the build's: src/pipeline.ts replaces dist/ with it). */
  outDir: string;
  /**
   * Sends the validated run's entries and the sheets' page keys and resolves once the pages are
   * built, as buildPagesApart. Sent once: a later call resolves with the first one's build.
   */
  build(entries: LoaderEntries, keys: ReadonlyMap<string, string> | undefined): Promise<PagesBuilt>;
  /** Resolves once the entries sent by build() are all written to the process (StartedStage.sent). */
  sent(): Promise<void>;
  /**
   * Ends the process: killed if it was never sent its entries (the build stopped before its pages
   * stage: Astro has written nothing yet but its content store, which it writes whole or not at
   * all), and the staging directory removed; once sent them, waited for (killed while it writes
   * its pages, it could leave a page half-written in Astro's cache) and the staging directory
   * left to the build, which removes it.
   */
  stop(): Promise<void>;
}

/**
 * Starts the pages process of the project at `root` now, building into a new staging directory
 * under <root>/.tmp; its entries and the sheets' page keys follow with build().
 */
export function startPagesApart(root: string): PagesAhead {
  const scratch = path.join(root, '.tmp');
  mkdirSync(scratch, { recursive: true });
  // A directory of its own, so two builds of one project never share a staging area.
  const outDir = mkdtempSync(path.join(scratch, 'build-'));
  const start: PagesStart = { root, outDir };
  const started = startPagesProcess(root, PAGES_HEAP_MB, start);
  let building: Promise<PagesBuilt> | undefined;
  return {
    outDir,
    build: (entries, keys) => {
      building ??= pagesDone({ ...start, entries, keys }, started.run({ entries, keys }), PAGES_HEAP_MB);
      return building;
    },
    sent: () => started.sent(),
    stop: async () => {
      // Sent its entries: waited for (it answered, and may still be exiting); else killed.
      await building?.catch(() => undefined);
      await started.stop();
      if (building !== undefined) return;
      rmSync(outDir, { recursive: true, force: true });
      try {
        rmdirSync(scratch);
      } catch {
        // not empty: another build's, or what a failed build kept for the editor (.tmp/rejected)
      }
    },
  };
}

/** A pages process with the heap limit `heapMb` (none when undefined), sent `first` at once when given. */
function startPagesProcess(
  root: string,
  heapMb: number | undefined,
  first?: PagesStart,
): StartedStage<PagesJob | PagesRest, PagesAnswer> {
  return startStageProcess(
    {
      file: import.meta.filename,
      flag: AS_PROCESS,
      heapMb,
      env: { ...PAGES_ALLOCATOR_ENV, NODE_COMPILE_CACHE: path.join(root, COMPILE_CACHE) },
      // Node's structured clone over the channel: Maps and Dates in the entries arrive as they are.
      serialization: 'advanced',
      what: 'the pages build',
      // Started before the check: what Astro says (an error of a project it cannot build) is shown
      // only once the build reaches its pages stage, after the check's report, as before.
      holdOutput: first !== undefined,
      // Started ahead, the build waits for its exit in stop(): its pages are used once answered.
      ...(first === undefined ? {} : { answerEarly: (answer: unknown) => (answer as PagesAnswer).ok }),
    },
    first,
  );
}

/**
 * What the process `ended` with: done (the pages it rendered), or its error thrown; out of its heap,
 * the job again without a limit.
 */
async function pagesDone(
  job: PagesJob,
  ended: Promise<PagesAnswer | 'out of memory'>,
  heapMb: number | undefined,
): Promise<PagesBuilt> {
  const answer = await ended;
  if (answer === 'out of memory') {
    if (heapMb === undefined) throw new Error('the pages build ran out of memory');
    process.stdout.write(`${messages.pagesHeapExceeded(heapMb)}\n`);
    return buildPagesApart(job, undefined);
  }
  if (!answer.ok) throw errorOf(answer);
  return { rendered: answer.rendered };
}

function errorOf(answer: Extract<PagesAnswer, { ok: false }>): Error {
  if (answer.user !== undefined) {
    const { problem, fix, ...place } = answer.user;
    return new UserError({ problem, fix }, place);
  }
  const error = new Error(answer.message);
  if (answer.stack !== undefined) error.stack = answer.stack;
  return error;
}

/**
 * A UserError, whichever copy of the class made it: the pages and Astro's config run in Vite's
 * module graph, which loads src/diagnostics apart from this module.
 */
function isUserError(error: Error): error is UserError {
  const { problem, fix } = error as Partial<UserError>;
  return error.name === 'UserError' && typeof problem === 'string' && typeof fix === 'string';
}

/**
 * The pages process: one job, then it exits (its memory goes with it). A job sent without its
 * entries (startPagesApart) starts Astro's build at once; its pages wait for them.
 */
async function runJob(job: PagesJob | PagesStart): Promise<PagesAnswer> {
  try {
    // Started ahead: the keys are handed over with the entries, before the pages (which wait for
    // the entries: src/content/page-entries.ts) have them; the build's start is told they are coming.
    let entries: LoaderEntries | Promise<LoaderEntries> | undefined = job.entries;
    if (entries === undefined) {
      pageKeysComing();
      entries = nextMessage<PagesRest>().then((rest) => {
        handOverPageKeys(rest.keys);
        return rest.entries;
      });
    }
    // Astro's copies as its last build left them: those it writes now are the pages it renders.
    const before = recordedCopies(job.root);
    const { build } = await import('astro');
    await withEntries(job.root, entries, () =>
      withPageKeys(job.keys, () => build({ root: job.root, outDir: job.outDir, logLevel: 'warn' })),
    );
    // Astro's copies as its build left them, for the next build's links (src/site/linked-pages.ts).
    const after = recordCopies(job.root, path.join(job.root, ASTRO_CACHE));
    flushCompileCache();
    const rendered = Object.keys(after).filter((file) => before[file] !== after[file]);
    return { ok: true, rendered: rendered.sort() };
  } catch (error) {
    const user =
      error instanceof Error && isUserError(error)
        ? {
            problem: error.problem,
            fix: error.fix,
            ...(error.file === undefined ? {} : { file: error.file }),
            ...(error.line === undefined ? {} : { line: error.line }),
            ...(error.field === undefined ? {} : { field: error.field }),
          }
        : undefined;
    return error instanceof Error
      ? { ok: false, message: error.message, stack: error.stack, user }
      : { ok: false, message: String(error), stack: undefined, user };
  }
}

serveStageProcess(import.meta.filename, AS_PROCESS, runJob);
