/**
 * `npm run dev` only: pages that show every save. After a save under content/ or data/, Astro
 * writes its content store and invalidates it; a page being rendered at that moment can leave the
 * old entries in use until the next save (measured: 2 saves in 10 served and printed the old text
 * 12 s later, each time a print preview's render was under way when the store was replaced). So,
 * once the renders under way then have ended, the store is invalidated once more, the way Astro
 * does it, and the open pages and print previews refresh.
 */
import { isRunnableDevEnvironment, type ViteDevServer } from 'vite';

/** Astro's content store as a module (astro:data-layer-content, resolved). */
const contentStoreModule = '\0astro:data-layer-content';
/** The event Astro sends its server environments when the store changed (it clears its route cache). */
const contentChanged = 'astro:content-changed';
/** How long after Astro's invalidation the renders under way then have ended (they take well under a second). */
const settleMs = 2000;

export function refreshContentAfterSaves(server: ViteDevServer): void {
  let again: ReturnType<typeof setTimeout> | undefined;
  let ours = false;
  const servers = Object.values(server.environments).filter((environment) => environment.name !== 'client');
  const invalidateAgain = (): void => {
    for (const environment of servers) {
      const node = environment.moduleGraph.getModuleById(contentStoreModule);
      if (node !== undefined) environment.moduleGraph.invalidateModule(node, new Set(), Date.now(), true);
      if (isRunnableDevEnvironment(environment)) {
        const evaluated = environment.runner.evaluatedModules.getModuleById(contentStoreModule);
        if (evaluated !== undefined) environment.runner.evaluatedModules.invalidateModule(evaluated);
      }
      ours = true;
      try {
        environment.hot.send(contentChanged, {});
      } finally {
        ours = false;
      }
    }
    server.environments.client.hot.send({ type: 'full-reload', path: '*' });
  };
  for (const environment of servers) {
    const send = environment.hot.send.bind(environment.hot) as (payload: unknown, data?: unknown) => void;
    environment.hot.send = ((payload: unknown, data?: unknown) => {
      send(payload, data);
      if (payload === contentChanged && !ours) {
        clearTimeout(again);
        again = setTimeout(invalidateAgain, settleMs);
      }
    }) as typeof environment.hot.send;
  }
}
