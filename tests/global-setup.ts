import { runBuild } from '../src/pipeline.ts';
import { projectRoot } from './helpers/fixture.ts';

/** Tests check the real built output: build it once, fresh, before any test runs. */
export default async function setup(): Promise<void> {
  if (process.env['OGP_SKIP_BUILD'] === '1') return;
  if (!(await runBuild(projectRoot))) throw new Error('npm run build failed: see the messages above.');
}
