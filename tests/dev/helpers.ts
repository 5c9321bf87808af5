/** `npm run dev` for the tests: a project copy served by Astro's dev server on a free loopback port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { projectRoot } from '../helpers/fixture.ts';
import { projectCopy } from '../quality/helpers.ts';

/**
 * A project copy the dev server can serve whole: its node_modules links each package, but the
 * fonts are copied in, since Vite serves files under the project only (the page loads them).
 */
export function devProjectCopy(): { root: string; dispose: () => void } {
  const project = projectCopy();
  const modules = path.join(project.root, 'node_modules');
  rmSync(modules);
  mkdirSync(modules);
  for (const name of readdirSync(path.join(projectRoot, 'node_modules'))) {
    // Caches (.vite, .astro) stay the copy's own.
    if (name.startsWith('.') && name !== '.bin') continue;
    const real = path.join(projectRoot, 'node_modules', name);
    if (name === '@fontsource') cpSync(real, path.join(modules, name), { recursive: true });
    else symlinkSync(real, path.join(modules, name), 'dir');
  }
  return project;
}

/** A port nothing listens on now: the OS picks it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * The environment an editor's terminal has: without the test runner's NODE_ENV=test and VITEST*
 * variables, which change how Astro serves, nor the compile cache vitest.config.ts gives the tests.
 */
function editorEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST') && name !== 'TEST' && name !== 'NODE_COMPILE_CACHE',
    ),
  );
}

export interface DevServer {
  origin: string;
  /** Everything the dev server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `astro dev` in `root` on a free port and waits until it answers. */
export async function startDevServer(root: string): Promise<DevServer> {
  const port = await freePort();
  const astro = path.join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const child: ChildProcess = spawn(process.execPath, [astro, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...editorEnv(), FORCE_COLOR: '0', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`astro dev exited:\n${output}`);
    try {
      const response = await fetch(`${origin}/__ogp/problems.json`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`astro dev did not answer in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { origin, output: () => output, stop };
}
