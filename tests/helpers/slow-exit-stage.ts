/**
 * A stage process for tests/stage-process.test.ts: answers its job at once ({ ok }, with the V8
 * and Node flags it was started with), then takes `lingerMs` to exit (as Astro's pages process
 * takes to exit after its answer), and writes a line to `exitedFile` just before it does, so a
 * test can tell whether it exited or was killed.
 */
import { writeFileSync } from 'node:fs';

interface Job {
  ok: boolean;
  lingerMs: number;
  exitedFile: string;
}

if (process.argv[2] === '--slow-exit-stage') {
  process.once('message', (message) => {
    const job = message as Job;
    process.send?.({ ok: job.ok, execArgv: process.execArgv }, () => {
      setTimeout(() => {
        writeFileSync(job.exitedFile, 'exited\n');
        process.exit(0);
      }, job.lingerMs);
    });
  });
}
