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
 */
import { flushCompileCache } from 'node:module';
import path from 'node:path';
import { UserError } from '../diagnostics/index.ts';
import { withEntries, type LoaderEntries } from '../content/loader.ts';
import { messages } from '../messages.ts';
import { runStageProcess, serveStageProcess } from '../stage-process.ts';
import { withPageKeys } from './page-keys.ts';

/** What the pages process is sent. */
interface PagesJob {
  root: string;
  outDir: string;
  entries: LoaderEntries;
  keys: ReadonlyMap<string, string> | undefined;
}

/** What it answers: done, or the error Astro's build ended with. */
type PagesAnswer =
  | { ok: true }
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

/**
 * Node's compile cache (NODE_COMPILE_CACHE: V8's code of each module and our modules with their
 * types stripped, kept on disk) for the pages process, under the project root: the process loads
 * Astro, Vite and Rolldown afresh every build (about 1,700 modules), and compiling them and
 * stripping the types of ours cost about 0.3-0.4 s of CPU a build. Set from the start of the
 * process (not by module.enableCompileCache() in it) so that its own modules are cached too. A
 * NODE_COMPILE_CACHE set in the environment (the tests') is kept. It only spares compiling: the
 * same modules run.
 */
const COMPILE_CACHE = '.cache/node-compile';

/**
 * Builds the pages of the project at `root` into `outDir` in a process of its own; resolves once
 * that process has ended. Throws the error Astro's build threw (a UserError stays one).
 */
export async function buildPagesApart(job: PagesJob, heapMb: number | undefined = PAGES_HEAP_MB): Promise<void> {
  const ended = await runPagesProcess(job, heapMb);
  if (ended === 'out of memory' && heapMb !== undefined) {
    process.stdout.write(`${messages.pagesHeapExceeded(heapMb)}\n`);
    return buildPagesApart(job, undefined);
  }
}

/** One pages process with the heap limit `heapMb` (none when undefined). */
async function runPagesProcess(job: PagesJob, heapMb: number | undefined): Promise<'done' | 'out of memory'> {
  const answer = await runStageProcess<PagesJob, PagesAnswer>(
    {
      file: import.meta.filename,
      flag: AS_PROCESS,
      heapMb,
      env: { ...PAGES_ALLOCATOR_ENV, NODE_COMPILE_CACHE: path.join(job.root, COMPILE_CACHE) },
      // Node's structured clone over the channel: Maps and Dates in the entries arrive as they are.
      serialization: 'advanced',
      what: 'the pages build',
    },
    job,
  );
  if (answer === 'out of memory') return answer;
  if (!answer.ok) throw errorOf(answer);
  return 'done';
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

/** The pages process: one job, then it exits (its memory goes with it). */
async function runJob(job: PagesJob): Promise<PagesAnswer> {
  try {
    const { build } = await import('astro');
    await withEntries(job.root, job.entries, () =>
      withPageKeys(job.keys, () => build({ root: job.root, outDir: job.outDir, logLevel: 'warn' })),
    );
    flushCompileCache();
    return { ok: true };
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

serveStageProcess(AS_PROCESS, runJob);
