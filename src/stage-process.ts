/**
 * A build stage in a Node process of its own (the pages stage, src/site/build-pages.ts, and the
 * search stage, src/publish/search-process.ts): the module runs itself as a program with a flag,
 * takes one job over the IPC channel, answers once and exits, so the memory the stage used goes
 * with the process instead of staying in the build's.
 */
import { fork } from 'node:child_process';

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
}

/**
 * Starts the process, sends it `job` and resolves with its answer once it has ended, or with
 * 'out of memory' when V8 aborted it at its heap limit (the caller may run it again without one).
 */
export function runStageProcess<Job, Answer>(stage: StageProcess, job: Job): Promise<Answer | 'out of memory'> {
  return new Promise((resolve, reject) => {
    const child = fork(stage.file, [stage.flag], {
      ...(stage.serialization === undefined ? {} : { serialization: stage.serialization }),
      ...(stage.env === undefined ? {} : { env: { ...stage.env, ...process.env } }),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [...process.execArgv, ...(stage.heapMb === undefined ? [] : [`--max-old-space-size=${stage.heapMb}`])],
    });
    let answer: { value: Answer } | undefined;
    child.on('message', (message) => {
      answer = { value: message as Answer };
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (answer !== undefined) resolve(answer.value);
      // V8 aborts a process that reaches its heap limit (SIGABRT; 134 when a shell reports it).
      else if (signal === 'SIGABRT' || code === 134) resolve('out of memory');
      else reject(new Error(`${stage.what} stopped without an answer (${signal ?? `exit code ${String(code)}`})`));
    });
    child.send(job as object);
  });
}

/** In the stage's process: serves the one job it is sent with `run`, then exits once the answer is sent. */
export function serveStageProcess<Job, Answer>(flag: string, run: (job: Job) => Promise<Answer>): void {
  if (process.argv[2] !== flag || process.send === undefined) return;
  process.once('message', (job) => {
    // Exit once the answer is sent: the stage may leave timers or handles behind.
    void run(job as Job).then((answer) => process.send?.(answer, () => process.exit(0)));
  });
}
