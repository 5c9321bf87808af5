/**
 * Drawing charts in a process of their own, within limits: each chart is drawn by a child
 * process (draw-worker.ts) with a memory limit (`--max-old-space-size`) and a time limit. A
 * spec that fills memory or runs too long ends that process, and becomes a content error naming
 * the limit, never a crash of the build (which would leave its scratch folder behind) and never
 * V8's report on the terminal (the child's output is not shown). Workers are reused between
 * charts and do not keep the build alive.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { messages, type Message } from '../messages.ts';
import type { Drawing } from './draw.ts';
import { chartLimits } from './limits.ts';
import type { VegaRecords } from './vega-data.ts';

const WORKER_FILE = 'draw-worker.ts';

/** The worker's file, next to this module (charts are drawn by the build and the content loader, never from a page bundle). */
function workerFile(): string {
  return path.join(import.meta.dirname, WORKER_FILE);
}

interface Job {
  spec: TopLevelSpec;
  records: VegaRecords | undefined;
  resolve: (drawing: Drawing) => void;
}

interface Worker {
  child: ChildProcess;
  /** The end of what the process wrote to stderr: says whether it ran out of memory. */
  stderr: string;
  /** Ends the worker when it stays idle (see IDLE_MS). */
  idleTimer?: NodeJS.Timeout | undefined;
}

/**
 * Workers at most: the machine's cores are shared with the rest of the build (Astro's process
 * bundles the site meanwhile). One on two cores: there, two workers drew 400 bench charts no
 * sooner than one (5.1-5.2 s either way) for 9.1 s of CPU against 6.3-6.5 s (3 December 2026;
 * Vega's drawing is bound by memory, which the two cores share), CPU Astro's process then has.
 */
const POOL_SIZE = availableParallelism() > 2 ? 2 : 1;
const idle: Worker[] = [];
let running = 0;
const queue: Job[] = [];
let nextId = 0;

function startWorker(): Worker {
  const child = fork(workerFile(), [], {
    // Not the parent's flags (a test runner's loaders): only the memory limit.
    execArgv: [`--max-old-space-size=${chartLimits.drawMemoryMb}`],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const worker: Worker = { child, stderr: '' };
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    worker.stderr = (worker.stderr + chunk).slice(-4096);
  });
  child.on('error', () => undefined);
  idleAway(worker);
  return worker;
}

/** How long an idle worker is kept for the next chart: the charts of a build come together. */
const IDLE_MS = 2000;

/** An idle worker does not keep the process alive (a busy one does: its timer), and ends after a while. */
function idleAway(worker: Worker): void {
  clearTimeout(worker.idleTimer);
  // Its memory goes back to the build's later stages (pages, print) instead of waiting for the exit.
  worker.idleTimer = setTimeout(() => {
    const at = idle.indexOf(worker);
    if (at === -1) return;
    idle.splice(at, 1);
    worker.child.kill();
  }, IDLE_MS).unref();
  worker.child.unref();
  (worker.child.stderr as { unref?: () => void } | null)?.unref?.();
  (worker.child.channel as { unref?: () => void } | null | undefined)?.unref?.();
}

function busy(worker: Worker): void {
  clearTimeout(worker.idleTimer);
  worker.child.ref();
  (worker.child.stderr as { ref?: () => void } | null)?.ref?.();
  (worker.child.channel as { ref?: () => void } | null | undefined)?.ref?.();
}

/** Draws one job on a worker; the worker goes back to the pool when it is still usable. */
function run(worker: Worker, job: Job): void {
  const id = ++nextId;
  const { child } = worker;
  let settled = false;
  const finish = (drawing: Drawing, reusable: boolean): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    child.off('message', onMessage);
    child.off('exit', onExit);
    running--;
    if (reusable) {
      idleAway(worker);
      idle.push(worker);
    } else child.kill('SIGKILL');
    job.resolve(drawing);
    next();
  };
  const failed = (message: Message): void => finish({ refused: [], errors: [message], warnings: [] }, false);
  const onMessage = (reply: { id: number; drawing: Drawing }): void => {
    if (reply.id === id) finish(reply.drawing, true);
  };
  const onExit = (): void =>
    // Let the last of stderr arrive, then say why the process ended.
    void setImmediate(() =>
      failed(
        /heap out of memory|allocation failed/i.test(worker.stderr)
          ? messages.limits.drawOutOfMemory(chartLimits.drawMemoryMb)
          : messages.chartRenderFailed('the drawing process stopped unexpectedly'),
      ),
    );
  const timer = setTimeout(
    () => failed(messages.limits.drawTimedOut(chartLimits.drawSeconds)),
    chartLimits.drawSeconds * 1000,
  );
  child.on('message', onMessage);
  child.on('exit', onExit);
  busy(worker);
  child.send({ id, spec: job.spec, records: job.records });
}

function next(): void {
  while (queue.length > 0 && running < POOL_SIZE) {
    const job = queue.shift() as Job;
    running++;
    const worker = idle.pop();
    run(worker !== undefined && worker.child.connected ? worker : startWorker(), job);
  }
}

/** Draws a chart within the limits; every problem (the spec's, or a limit reached) is in the result. */
export function drawInWorker(spec: TopLevelSpec, records?: VegaRecords): Promise<Drawing> {
  return new Promise((resolve) => {
    queue.push({ spec, records, resolve });
    next();
  });
}
