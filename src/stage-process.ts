/**
 * A build stage in a Node process of its own (the pages stage, src/site/build-pages.ts, and the
 * search stage, src/publish/search-process.ts): the module runs itself as a program with a flag,
 * takes one job over the IPC channel, answers once and exits, so the memory the stage used goes
 * with the process instead of staying in the build's.
 *
 * A process can be started before its job is ready (startStageProcess): it loads its modules,
 * and whatever the stage does before it needs the job, while the build does what comes first.
 */
import { fork } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Node's compile cache (NODE_COMPILE_CACHE: V8's code of each module and our modules with their
 * types stripped, kept on disk), under the project root, for the build's own process
 * (scripts/build.ts) and its stage processes: each loads its modules afresh every build (the pages
 * process about 1,700: Astro, Vite, Rolldown), and compiling them and stripping the types of ours
 * cost the pages process about 0.3-0.4 s of CPU a build. A stage process gets it from the start
 * (in its environment, not by module.enableCompileCache() in it) so that its own modules are
 * cached too. A NODE_COMPILE_CACHE set in the environment (the tests') is kept. It only spares
 * compiling: the same modules run.
 */
export const COMPILE_CACHE = '.cache/node-compile';

/**
 * Entries past which the compile cache is emptied as a build starts. Node keeps an entry per
 * module path and never removes one, and Astro's process compiles the chunks of its build in the
 * build's own staging directory, a new path every build: about 30 new entries a build, never read
 * again (the project's own cache holds about 2,000 it reuses). Emptied past this, the next build
 * compiles its modules afresh once (about 0.5 s of CPU) and the cache stays bounded.
 */
export const COMPILE_CACHE_MOST_ENTRIES = 8000;

/** Empties the project's compile cache (COMPILE_CACHE) when it holds more than `most` entries. */
export function boundCompileCache(root: string, most = COMPILE_CACHE_MOST_ENTRIES): void {
  const dir = path.join(root, COMPILE_CACHE);
  let entries = 0;
  try {
    // One folder per Node version and V8 flags, each an entry per module.
    for (const version of readdirSync(dir)) entries += readdirSync(path.join(dir, version)).length;
  } catch {
    return; // no cache yet
  }
  if (entries > most) rmSync(dir, { recursive: true, force: true });
}

/**
 * V8 flags for the build's processes: `npm run build` runs with them (package.json) and each stage
 * process is started with them. Semi-spaces of at most 8 MB: V8 sizes the young generation from the
 * heap limit, here up to 128 MB of new space (two 64 MB semi-spaces), and a process that allocates
 * as the build's do grows into all of it, every page first touched is a page fault, and on these
 * virtual machines the faults cost more than the extra scavenges of a smaller new space (16 MB).
 * One edit at 200 English sheets: about 1 s less CPU and 0.5 s less wall; the build's process's
 * resident memory 230-240 MB against 340 MB (docs/scaling.md).
 */
export const BUILD_V8_FLAGS = ['--max-semi-space-size=8'] as const;

/** How a stage process is started. */
export interface StageProcess {
  /** The module that, run with `flag`, serves the job (usually the caller's own file). */
  file: string;
  flag: string;
  /** The V8 heap limit, MB; none when undefined. */
  heapMb: number | undefined;
  /** Variables the process gets unless the environment sets them. */
  env?: Record<string, string>;
  /** 'advanced' (structured clone) keeps Maps and Dates in the job as they are. */
  serialization?: 'json' | 'advanced';
  /** The stage, for the error when the process ends without an answer ("the search stage"). */
  what: string;
  /**
   * Holds back what the process writes until it is sent its job with run(), and drops it if it is
   * stopped before: a process started ahead of a stage the build may never reach (a failed check)
   * says nothing of its own meanwhile.
   */
  holdOutput?: boolean;
  /**
   * Whether `answer` is used as soon as it arrives rather than once the process has exited: the
   * pages process takes 0.15-0.2 s to exit after answering (Node's exit, Astro's handles, the
   * compile cache written), time the build can spend on its next stage. An answer it declines (a
   * failure) waits for the exit, so what the process printed comes before the build's report.
   * Unset: every answer waits for the exit.
   */
  answerEarly?: (answer: unknown) => boolean;
}

/** A stage process started ahead of its job. */
export interface StartedStage<Job, Answer> {
  /**
   * Sends `job` (the first message, or a later one the stage waits for) and resolves with the
   * answer once the process has ended (as soon as it arrives, when `answerEarly` accepts it), or
   * with 'out of memory' when V8 aborted it at its heap limit (the caller may run it again without
   * one).
   */
  run(job: Job): Promise<Answer | 'out of memory'>;
  /**
   * Resolves once the job sent by run() is written into the channel, all of it (or the process has
   * ended). A large job is written as the process reads it, only while this process's event loop
   * turns: work done synchronously meanwhile (loading modules) delays its delivery.
   */
  sent(): Promise<void>;
  /**
   * Ends the process if it has not answered (killed) and resolves once it has exited: one that
   * answered early (answerEarly) is let finish its exit.
   */
  stop(): Promise<void>;
}

/**
 * Starts the process now and sends it `first` when given (the part of the job known already);
 * the rest follows with `run`.
 */
export function startStageProcess<Job, Answer>(stage: StageProcess, first?: unknown): StartedStage<Job, Answer> {
  const child = fork(stage.file, [stage.flag], {
    ...(stage.serialization === undefined ? {} : { serialization: stage.serialization }),
    ...(stage.env === undefined ? {} : { env: { ...stage.env, ...process.env } }),
    stdio: [
      'ignore',
      stage.holdOutput === true ? 'pipe' : 'inherit',
      stage.holdOutput === true ? 'pipe' : 'inherit',
      'ipc',
    ],
    execArgv: [
      ...process.execArgv,
      ...BUILD_V8_FLAGS,
      ...(stage.heapMb === undefined ? [] : [`--max-old-space-size=${stage.heapMb}`]),
    ],
  });
  let exited = false;
  let answer: { value: Answer } | undefined;
  // With its output piped, the end is once that is all read too (what it printed comes before its
  // answer is used).
  const endEvent = stage.holdOutput === true ? 'close' : 'exit';
  const gone = new Promise<void>((resolve) => {
    child.on(endEvent, () => resolve());
    child.on('error', () => resolve());
  });
  const ended = new Promise<Answer | 'out of memory'>((resolve, reject) => {
    child.on('message', (message) => {
      answer = { value: message as Answer };
      if (stage.answerEarly?.(message) === true) resolve(answer.value);
    });
    child.on('error', reject);
    child.on(endEvent, (code, signal) => {
      exited = true;
      if (answer !== undefined) resolve(answer.value);
      // V8 aborts a process that reaches its heap limit (SIGABRT; 134 when a shell reports it).
      else if (signal === 'SIGABRT' || code === 134) resolve('out of memory');
      else reject(new Error(`${stage.what} stopped without an answer (${signal ?? `exit code ${String(code)}`})`));
    });
  });
  // Handled here: a process that fails before it is sent its job is reported when run() is awaited.
  ended.catch(() => undefined);
  const held: [NodeJS.WritableStream, Buffer][] = [];
  let holding = stage.holdOutput === true;
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    from?.on('data', (chunk: Buffer) => {
      if (holding) held.push([to, chunk]);
      else to.write(chunk);
    });
  }
  if (first !== undefined) child.send(first as object);
  let sent: Promise<void> = Promise.resolve();
  return {
    run: (job) => {
      holding = false;
      for (const [to, chunk] of held.splice(0)) to.write(chunk);
      // A process that has ended already (its stage failed early) has its answer: not sent again.
      if (!exited && child.connected) {
        sent = new Promise((resolve) => {
          child.send(job as object, () => resolve());
          // Ended before reading it all: nothing more will be written.
          void ended.catch(() => undefined).finally(resolve);
        });
      }
      return ended;
    },
    sent: () => sent,
    stop: async () => {
      if (exited) return;
      if (answer === undefined) child.kill('SIGKILL');
      await gone;
    },
  };
}

/**
 * Starts the process, sends it `job` and resolves with its answer once it has ended, or with
 * 'out of memory' when V8 aborted it at its heap limit (the caller may run it again without one).
 */
export function runStageProcess<Job, Answer>(stage: StageProcess, job: Job): Promise<Answer | 'out of memory'> {
  return startStageProcess<Job, Answer>(stage).run(job);
}

/**
 * In the stage's process: serves the one job it is sent with `run`, then exits once the answer is
 * sent. A job sent in parts (startStageProcess) reads the later ones with `nextMessage`. The
 * process ends with the build's: when the channel closes (the build stopped), it exits.
 */
export function serveStageProcess<Job, Answer>(file: string, flag: string, run: (job: Job) => Promise<Answer>): void {
  // Only the module the process runs serves: another copy of it loaded there (Astro loads the
  // project's own sources through Vite) must not take a job, or the later part of one.
  if (process.argv[1] !== file || process.argv[2] !== flag || process.send === undefined) return;
  process.once('disconnect', () => process.exit(1));
  process.once('message', (job) => {
    // Exit once the answer is sent: the stage may leave timers or handles behind.
    void run(job as Job).then((answer) => process.send?.(answer, () => process.exit(0)));
  });
}

/** In a stage's process: the next message the build sends (the rest of a job sent in parts). */
export function nextMessage<T>(): Promise<T> {
  return new Promise((resolve) => process.once('message', (message) => resolve(message as T)));
}
