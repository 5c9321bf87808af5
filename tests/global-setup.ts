import { existsSync } from 'node:fs';
import path from 'node:path';
import { runBuild } from '../src/pipeline.ts';
import { projectRoot } from './helpers/fixture.ts';

/**
 * The site project's tests check the real built output: build it once, fresh, before any of
 * them runs. OGP_SKIP_BUILD=1 reuses the dist/ already there (the one way to skip the build).
 */
export default async function setup(): Promise<void> {
  if (process.env['OGP_SKIP_BUILD'] === '1') {
    if (!existsSync(path.join(projectRoot, 'dist', 'index.html')))
      throw new Error('OGP_SKIP_BUILD=1 reuses dist/, but there is no built site: run `npm run build` first.');
    return;
  }
  // Built as `npm run build` builds it: vitest sets NODE_ENV=test, one of the variables a build's
  // fingerprint reads, so the dist/ scripts/setup.sh had just built was built again (pages and all).
  const nodeEnv = process.env['NODE_ENV'];
  delete process.env['NODE_ENV'];
  try {
    if (!(await runBuild(projectRoot))) throw new Error('npm run build failed: see the messages above.');
  } finally {
    if (nodeEnv !== undefined) process.env['NODE_ENV'] = nodeEnv;
  }
}
