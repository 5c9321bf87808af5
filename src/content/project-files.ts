/**
 * Reading the files content and data name (content files, data files, spec files): only a
 * regular file inside the project is read. A symlink may point elsewhere inside the project,
 * but one that leads out of it (to /proc/self/environ, /etc/hostname, ../.git/config) is
 * refused before a byte of its target is read. The real path is checked after opening, on
 * the open handle, so a link swapped between the check and the read is caught too; the file
 * is opened non-blocking, so a named pipe or a device cannot stall the build.
 */
import { constants } from 'node:fs';
import { open, readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { messages, type Message } from '../messages.ts';

/** Why a file was not read; `message` never quotes a byte of it. */
export type RefusedRead =
  | { reason: 'missing' }
  | { reason: 'outside'; message: Message }
  | { reason: 'not-a-file'; message: Message }
  /** Larger than `maxBytes`: each caller says what its kind of file may be. */
  | { reason: 'too-large'; size: number };

export type ProjectRead = { ok: true; bytes: Buffer } | ({ ok: false } & RefusedRead);

const toPosix = (file: string): string => file.split(path.sep).join('/');

/** The project root's own real path (it may sit under a symlinked folder such as macOS /var), once per root. */
const realRoots = new Map<string, Promise<string>>();
const realRoot = (root: string): Promise<string> => {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpath(root).catch(() => path.resolve(root));
    realRoots.set(root, real);
  }
  return real;
};

const isInside = (dir: string, file: string): boolean => {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

/** Where a link leads as written in the project (stable, what the editor sees in git); else the real path. */
async function linkTarget(absolute: string, real: string): Promise<string> {
  return readlink(absolute).catch(() => real);
}

/** What kind of thing a non-regular file is, for the message. */
function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  return 'a device';
}

/**
 * Reads `relative` (a path under `root`, with forward slashes) if it is a regular file whose
 * real path is inside the project, and (with `maxBytes`) no larger than that. Anything else is
 * refused with a message naming the file (and, for a link out, where it leads), never its content.
 */
export async function readProjectFile(root: string, relative: string, options: { maxBytes?: number } = {}): Promise<ProjectRead> {
  const absolute = path.resolve(root, relative);
  const file = toPosix(path.relative(root, absolute));
  let handle;
  try {
    handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: a symlink loop; EACCES and the like: not ours to read. Neither is read.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing' };
    return { ok: false, reason: 'not-a-file', message: messages.files.notAFile(file, 'a file this build may not open') };
  }
  try {
    const info = await handle.stat();
    // The real path of what was opened: resolved now, then proved to be the same file (device and inode).
    const real = await realpath(absolute).catch(() => undefined);
    const same = real === undefined ? undefined : await stat(real).catch(() => undefined);
    if (real === undefined || same === undefined || same.ino !== info.ino || same.dev !== info.dev) {
      return { ok: false, reason: 'outside', message: messages.files.outsideProject(file, undefined) };
    }
    if (!isInside(await realRoot(root), real)) {
      return { ok: false, reason: 'outside', message: messages.files.outsideProject(file, await linkTarget(absolute, real)) };
    }
    if (!info.isFile()) return { ok: false, reason: 'not-a-file', message: messages.files.notAFile(file, kindOf(info)) };
    const limit = options.maxBytes;
    if (limit !== undefined && info.size > limit) {
      return { ok: false, reason: 'too-large', size: info.size };
    }
    const bytes = await handle.readFile();
    // A file that grew between stat and read is held to the same limit.
    if (limit !== undefined && bytes.length > limit) {
      return { ok: false, reason: 'too-large', size: bytes.length };
    }
    return { ok: true, bytes };
  } finally {
    await handle.close();
  }
}


/**
 * Symlinks under the project folder `dir` that lead out of the project (or nowhere): the
 * files of public/ are copied into the site whole, unread by check, so a link there would
 * publish whatever it points at.
 */
export async function linksLeavingProject(root: string, dir: string): Promise<{ file: string; message: Message }[]> {
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
  const inside = await realRoot(root);
  const found: { file: string; message: Message }[] = [];
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    const file = toPosix(path.relative(root, absolute));
    const real = await realpath(absolute).catch(() => undefined);
    if (real !== undefined && isInside(inside, real)) continue;
    found.push({ file, message: messages.files.outsideProject(file, await linkTarget(absolute, real ?? absolute)) });
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}
