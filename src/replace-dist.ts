/**
 * dist/ replaced whole: the staged site renamed in, the last site renamed aside. The last site is
 * not removed then (5,100 files at 200 English sheets: 0.2-0.9 s on a quiet disk, seconds on a busy
 * one, with nothing else left to do) but by the next build, in a worker thread while it checks and
 * builds; a build never exits with the removal running. At most one last site is kept aside.
 */
import { existsSync, lstatSync, readdirSync, renameSync, unlinkSync, type Dirent } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Where a build moves the site it replaces, under the project root; the next build removes it. */
export const LAST_SITE = '.tmp/dist-old';

/** A site taken by a build for removal: LAST_SITE renamed to this, with the build's pid. */
const REMOVING = `${path.basename(LAST_SITE)}-`;

/** The name a build of this process gives the sites it removes. */
function removingOf(root: string): string {
  return path.join(root, path.dirname(LAST_SITE), `${REMOVING}${process.pid}`);
}

/**
 * Starts removing the site a previous build moved aside (and any a killed build was removing), in a
 * worker thread; resolves once removed (never rejects). The site is first renamed to a name of this
 * build's own, so a build running at once never removes it twice nor the site it is moving aside
 * itself. Left alone when dist/ is missing: a build that stopped between its two renames left the
 * last good site there, restored by replaceDist.
 */
export function removeLastSite(root: string): Promise<void> {
  const scratch = path.join(root, path.dirname(LAST_SITE));
  const taken: string[] = [];
  try {
    if (existsSync(path.join(root, 'dist'))) {
      const mine = removingOf(root);
      try {
        renameSync(path.join(root, LAST_SITE), mine);
        taken.push(mine);
      } catch {
        // None to remove, or another build took it first.
      }
    }
    if (existsSync(scratch))
      for (const name of readdirSync(scratch)) {
        const pid = Number(name.slice(REMOVING.length));
        if (name.startsWith(REMOVING) && pid !== process.pid && !running(pid)) taken.push(path.join(scratch, name));
      }
  } catch {
    // A scratch folder that cannot be read: nothing is removed, the next build tries again.
  }
  if (taken.length === 0) return Promise.resolve();
  // A site that could not be removed now is removed by the next build.
  return removedApart(taken).catch(() => undefined);
}

/** Whether a process with this pid runs (a build removing a site of its own). */
function running(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Swaps the staged site in: dist/ is replaced by renames, never half-written; the site it replaces
 * is left at LAST_SITE for the next build to remove (removeLastSite), bar the files it shares
 * (unlinkShared). `removing`: this build's removeLastSite, done first, so the name it removes under
 * is free again.
 */
export async function replaceDist(root: string, staging: string, removing: Promise<void>): Promise<void> {
  const dist = path.join(root, 'dist');
  const old = path.join(root, LAST_SITE);
  // A run that died between the two renames below left the last good site here: restore it.
  if (existsSync(old) && !existsSync(dist)) renameSync(old, dist);
  await removing;
  // One moved aside after this build took the last (a build of the project ran at once, or dist/
  // was missing then): taken under this build's own name first, as removeLastSite does, never
  // removed where another build may be taking it. What this build's own removal left (it failed)
  // goes first, so that the name is free.
  const mine = removingOf(root);
  await rm(mine, { recursive: true, force: true });
  try {
    renameSync(old, mine);
    await rm(mine, { recursive: true, force: true });
  } catch {
    // None, or another build took it first.
  }
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(staging, dist);
  unlinkShared(old);
}

/**
 * Unlinks the files of `dir` (the last site) that have another link: those the new site shares
 * with it (hard links: the search bundle's fragments, src/publish/search.ts keepFragments; the
 * pages linked from Astro's cache, src/site/linked-pages.ts; the images and PDFs both took from
 * the caches, src/print/cache.ts placeCachedFile; the pages filled with the same PDF sizes,
 * src/print/index.ts writePdfSizes). Unlinking a file changes its status-change
 * time, which the build's record keeps in each file's stamp (src/incremental.ts): left to the
 * next build's removal, the stamps of dist/ would go stale whenever that build does not replace
 * it (it fails), and every later check that nothing changed would read those files again. So they
 * go before the record: the site kept aside then shares no file.
 */
function unlinkShared(dir: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return; // no last site
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    try {
      if (lstatSync(file).nlink > 1) unlinkSync(file);
    } catch {
      // removed with the rest by the next build
    }
  }
}

/** Removes the folders `dirs` (recursively) in a worker thread. */
function removedApart(dirs: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(
      "const { rmSync } = require('node:fs'); for (const dir of require('node:worker_threads').workerData) rmSync(dir, { recursive: true, force: true });",
      { eval: true, workerData: dirs },
    );
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`removing ${dirs.join(', ')} stopped (exit code ${code})`)),
    );
  });
}
