/**
 * The project root the pages read data/ and .cache/ from. In an Astro build it is the
 * directory of the astro.config.mjs being built (defined there as `import.meta.env.OGP_ROOT`),
 * so `runBuild(root)` renders that project's data whatever the working directory; run
 * directly by Node or vitest (no define), it is the project this file belongs to.
 */
import path from 'node:path';

declare global {
  interface ImportMetaEnv {
    /** The project root, set by astro.config.mjs (`vite.define`). */
    readonly OGP_ROOT?: string;
  }
}

/** import.meta.env exists under Vite only; Node leaves it undefined. */
const env = (import.meta as { env?: Partial<ImportMetaEnv> }).env;

export const projectRoot: string = path.resolve(env?.OGP_ROOT ?? path.join(import.meta.dirname, '..', '..'));
