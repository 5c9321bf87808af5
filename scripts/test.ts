// npm test: lint, type check and format check alongside the test suite (vitest run), all to the
// end; exits 1 if any of them failed. Arguments go to vitest (`npm test -- tests/x.test.ts`).
// The three checks run one core's worth of work for half a minute while vitest starts and waits on
// builds and browsers: run together they cost no more than the suite alone on two cores.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(import.meta.dirname, '..');
const checks = ['lint', 'typecheck', 'format:check'];

/** `npm run <script>` through the npm that runs this script (npm sets npm_execpath), its output kept. */
function runScript(script: string): Promise<{ ok: boolean; output: string; seconds: number }> {
  const started = performance.now();
  const npm = process.env['npm_execpath'];
  const child =
    npm !== undefined && npm.endsWith('.js')
      ? spawn(process.execPath, [npm, 'run', '--silent', script], { cwd: root })
      : spawn('npm', ['run', '--silent', script], { cwd: root, shell: process.platform === 'win32' });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (code) =>
      resolve({
        ok: code === 0,
        output: Buffer.concat(chunks).toString('utf8'),
        seconds: (performance.now() - started) / 1000,
      }),
    );
  });
}

const vitest = spawn(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
const suite = new Promise<boolean>((resolve) => vitest.on('close', (code) => resolve(code === 0)));

// Each check's output in one piece when it ends (vitest's own output runs meanwhile).
const checked = await Promise.all(
  checks.map(async (script) => {
    const result = await runScript(script);
    process.stdout.write(
      `\nnpm run ${script}: ${result.ok ? 'passed' : 'FAILED'} in ${result.seconds.toFixed(0)} s\n${result.ok ? '' : result.output}`,
    );
    return result.ok;
  }),
);
const passed = await suite;
const failed = checks.filter((_, i) => !checked[i]);
if (failed.length > 0) process.stdout.write(`\nFailed: ${failed.map((script) => `npm run ${script}`).join(', ')}\n`);
process.exitCode = passed && failed.length === 0 ? 0 : 1;
