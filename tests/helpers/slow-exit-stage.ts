/**
 * A stage process for tests/stage-process.test.ts: answers its job at once ({ ok }, with the V8
 * and Node flags it was started with, its niceness and that of a process it starts), then takes `lingerMs` to exit (as Astro's pages process
 * takes to exit after its answer), and writes a line to `exitedFile` just before it does, so a
 * test can tell whether it exited or was killed.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';

interface Job {
  ok: boolean;
  lingerMs: number;
  exitedFile: string;
}

if (process.argv[2] === '--slow-exit-stage') {
  process.once('message', (message) => {
    const job = message as Job;
    const started = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(require("node:os").getPriority()))',
    ]);
    const niceness = { own: getPriority(), started: Number(started.stdout.toString()) };
    process.send?.({ ok: job.ok, execArgv: process.execArgv, niceness }, () => {
      setTimeout(() => {
        writeFileSync(job.exitedFile, 'exited\n');
        process.exit(0);
      }, job.lingerMs);
    });
  });
}
