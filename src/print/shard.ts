/**
 * Printing split across machines. `npm run build -- --shard i/n` prints the i-th of n shares
 * of the PDFs (every n-th PDF in the order of their paths, so the shares are deterministic
 * and even) into the print cache, and copies those entries to `shards/<i>-of-<n>/`. A final
 * `npm run build -- --merge shards` copies every shard's entries into the print cache and
 * builds: each PDF a shard printed is taken from the cache (the cache checks it against
 * the page and every file it loaded, as for any entry), and one no shard printed (a shard
 * that failed or was skipped) is printed there. See docs/scaling.md for a CI matrix.
 */
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { messages } from '../messages.ts';

/** One share of the print jobs: `index` of `count`, 1-based. */
export interface Shard {
  index: number;
  count: number;
}

/** The folder a shard's entries are copied to, under `dir`: "2-of-4". */
export const shardFolder = (shard: Shard): string => `${shard.index}-of-${shard.count}`;

/** Reads "i/n" (1 <= i <= n); a message saying how to write it otherwise. */
export function parseShard(value: string): Shard | { problem: string; fix: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || index < 1 || count < 1 || index > count) return messages.shardInvalid(value);
  return { index, count };
}

/** The jobs of one shard: every count-th in the order of their PDF paths, starting at the index-th. */
export function shareOf<J extends { pdfPath: string }>(jobs: readonly J[], shard: Shard): J[] {
  return [...jobs]
    .sort((a, b) => (a.pdfPath < b.pdfPath ? -1 : a.pdfPath > b.pdfPath ? 1 : 0))
    .filter((_, position) => position % shard.count === shard.index - 1);
}

/**
 * Copies the print-cache entries of every shard folder under `from` (or `from` itself when it
 * holds entries) into the print cache at `cacheDir`. Returns how many entries were copied.
 */
export async function mergeShards(from: string, cacheDir: string): Promise<number> {
  if (!existsSync(from)) return 0;
  const folders = [
    from,
    ...readdirSync(from, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join(from, e.name)),
  ];
  await mkdir(cacheDir, { recursive: true });
  let copied = 0;
  for (const folder of folders) {
    for (const name of readdirSync(folder)) {
      if (!/^[0-9a-f]{64}\.json$/.test(name)) continue;
      const pdf = name.replace(/\.json$/, '.pdf');
      if (!existsSync(path.join(folder, pdf))) continue;
      // The PDF first, as the cache writes it: an entry whose .json exists has its PDF.
      await copyFile(path.join(folder, pdf), path.join(cacheDir, pdf));
      await copyFile(path.join(folder, name), path.join(cacheDir, name));
      copied++;
    }
  }
  return copied;
}
