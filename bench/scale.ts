/**
 * `npm run bench -- --sheets N`: the build at scale. Makes a throwaway copy of the project in
 * a temporary folder (never under content/) holding N sheets (the reference sheet and N-1
 * copies with their own slugs and titles, same charts, every translation copied too: 3N PDFs
 * with English, Spanish and French), then times, in one run:
 *   1. a cold build (no caches),
 *   2. a rebuild with nothing changed,
 *   3. a rebuild after one sheet's title is edited,
 * each with its stages and the peak memory of the whole process tree (Node and Chromium),
 * and two anchors measured on the same machine in the same run:
 *   (a) plain Astro building N markdown pages of the same prose,
 *   (b) a bare loop of page.goto + page.pdf() over the built sheet pages, with the same pool.
 * `--languages en` (a comma-separated list, default every language) keeps only the content in
 * those languages: `--sheets 200 --languages en` is 200 sheets = 200 PDFs, the shape issue 15's
 * figures were first measured in, before the sheets had translations.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { languages as siteLanguages } from '../src/i18n/index.ts';
import { lastBuildActions } from '../src/incremental.ts';
import { BUILD_V8_FLAGS } from '../src/stage-process.ts';
import { processStats } from './proc.ts';

/** What a project needs to build, besides content/ and data/. */
const PROJECT_FILES = ['src', 'public', 'scripts', 'astro.config.mjs', 'tsconfig.json', 'package.json'];
const REFERENCE = 'digital-governance';

export interface RunFigures {
  /** Wall time of `npm run build`, ms. */
  totalMs: number;
  /** CPU time (user + system) of the build and every process it started, ms (sampled: see runMeasured). */
  cpuMs: number;
  /** The same as bash `times` counts it (processes reaped into the tree only: less than cpuMs). */
  reapedCpuMs: number;
  /** Each stage's time as the build reports it ("check", "charts", "pages", "print", "verify"). */
  stages: Record<string, number>;
  /** Each stage's CPU time (the build's process tree, Chromium and Astro's process included), sampled. */
  stageCpu: Record<string, number>;
  /** Peak memory of the build and its children (Chromium), bytes: the sum of their proportional set sizes. */
  peakBytes: number;
  /** The same peak during each stage (from the end of the stage before to the stage's own "done" line). */
  stagePeaks: Record<string, number>;
  /** The print stage's line on where a PDF's time goes, when it printed any. */
  printTimes?: string | undefined;
  /** PDFs printed (not taken from the cache). */
  printed: number;
  /** The sheets' pages Astro rendered (not copied from its last build), when the build says. */
  renderedPages?: number | undefined;
  pdfs: number;
}

/** A title with the copy's number appended, inside the quotes when the YAML value is quoted. */
function numbered(title: string, number: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(title);
  return quoted ? `${quoted[1]}${quoted[2]} ${number}${quoted[1]}` : `${title} ${number}`;
}

/**
 * A copy of the project with `sheets` sheets, node_modules linked. With `languages`, only the
 * content in those languages is kept (each content type's `<lang>/` folders of the others dropped).
 */
export function scaleProject(projectRoot: string, sheets: number, languages?: readonly string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), `ogp-bench-${sheets}-`));
  for (const name of [...PROJECT_FILES, 'content', 'data']) {
    if (existsSync(path.join(projectRoot, name)))
      cpSync(path.join(projectRoot, name), path.join(root, name), { recursive: true });
  }
  if (languages !== undefined) {
    for (const type of readdirSync(path.join(root, 'content'), { withFileTypes: true })) {
      if (!type.isDirectory()) continue;
      for (const lang of siteLanguages) {
        if (!languages.includes(lang))
          rmSync(path.join(root, 'content', type.name, lang), { recursive: true, force: true });
      }
    }
  }
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const slugs = Array.from({ length: sheets - 1 }, (_, i) => `bench-${String(i + 1).padStart(4, '0')}`);
  // Every file of the reference sheet (the English source and its translations) gets a copy per slug.
  const areas = path.join(root, 'content', 'policy-areas');
  const sources = listFiles(areas).filter((file) => path.basename(file).startsWith(`${REFERENCE}.`));
  for (const source of sources) {
    const text = readFileSync(source, 'utf8');
    for (const slug of slugs) {
      const copy = path.join(path.dirname(source), path.basename(source).replace(REFERENCE, slug));
      writeFileSync(
        copy,
        text.replace(/^title: (.*)$/m, (_, title: string) => `title: ${numbered(title, slug.slice(6))}`),
      );
    }
  }
  // The reference's notable commitments list the copies among their policy areas.
  for (const file of listFiles(path.join(root, 'content', 'commitments'))) {
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      text.replace(/^policyAreas: \[(.*)\]$/m, (whole, areasList: string) =>
        areasList.split(',').some((a) => a.trim() === REFERENCE) && slugs.length > 0
          ? `policyAreas: [${[areasList, ...slugs].join(', ')}]`
          : whole,
      ),
    );
  }
  return root;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * A process's share of resident memory: its proportional set size (shared pages, such as
 * Chromium's libraries, divided among the processes sharing them), else its resident size.
 */
function residentBytes(pid: string): number {
  try {
    const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    if (pss !== null) return Number(pss[1]) * 1024;
  } catch {
    // no smaps_rollup (older kernels): resident size
  }
  return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
}

/** Clock ticks a second of /proc's CPU times (100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100;

/** A process of the measured tree as the sampler last saw it (CPU in ticks). */
interface SeenProcess {
  /** Its parent's key (pid and start time), when the parent was in the tree. */
  parent: string | undefined;
  /** Its own user + system time. */
  own: number;
  /** The user + system time of its children that it has reaped (waited for), as /proc says. */
  reaped: number;
  /** Gone, and its CPU already taken off what its parent reaped (see sampleTree). */
  settled: boolean;
}

/** The CPU time of a process tree, as sampled (sampleTree). */
interface CpuSeen {
  /** By key: pid and start time. */
  processes: Map<string, SeenProcess>;
  /** CPU time of processes that lived and died between two samples, ticks: reaped by a process of the tree. */
  unseen: number;
}

const newCpuSeen = (): CpuSeen => ({ processes: new Map(), unseen: 0 });

/**
 * Memory of a process and all its descendants (proportional set size), bytes (Linux /proc; 0
 * elsewhere). Also notes in `cpuSeen` each of the tree's processes' own CPU time so far (user +
 * system, ticks), by pid and start time, and the CPU of the processes too short-lived to be seen
 * between two samples: Chromium starts a utility process for every print (its PDF compositor,
 * ~40 ms of CPU, gone within 0.1-0.2 s), and a process's own time is lost when it ends. Its parent
 * reaps it, and the parent's reaped-children time (cutime + cstime) grows by the child's whole
 * time: what grew beyond the time of the children seen to have gone meanwhile (and of theirs, gone
 * with them) is the unseen processes'. A parent that does not reap its children adds nothing.
 */
function sampleTree(pid: number, cpuSeen: CpuSeen, memory: boolean): number {
  if (!existsSync('/proc')) return 0;
  // Parents from /proc/<pid>/stat (cheap); memory (smaps_rollup, costly) only for the tree's own
  // processes, so that sampling does not take a share of the 2 cores the build is measured on.
  const children = new Map<number, number[]>();
  const own = new Map<number, { key: string; ppid: number; own: number; reaped: number }>();
  for (const [id, fields] of processStats()) {
    const ppid = Number(fields[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), id]);
    own.set(id, {
      key: `${id}:${fields[19]}`,
      ppid,
      own: Number(fields[11]) + Number(fields[12]),
      reaped: Number(fields[13]) + Number(fields[14]),
    });
  }
  let total = 0;
  const stack = [pid];
  const alive = new Map<string, { own: number; reaped: number; parent: string | undefined }>();
  while (stack.length > 0) {
    const next = stack.pop() as number;
    try {
      if (memory) total += residentBytes(String(next));
    } catch {
      // the process ended meanwhile
    }
    const cpu = own.get(next);
    if (cpu !== undefined) alive.set(cpu.key, { ...cpu, parent: next === pid ? undefined : own.get(cpu.ppid)?.key });
    stack.push(...(children.get(next) ?? []));
  }
  // Children gone since the last sample, by parent, and what of theirs was counted already.
  const gone = new Map<string, string[]>();
  for (const [key, seen] of cpuSeen.processes) {
    if (seen.settled || alive.has(key) || seen.parent === undefined) continue;
    gone.set(seen.parent, [...(gone.get(seen.parent) ?? []), key]);
  }
  const settle = (key: string): number => {
    const seen = cpuSeen.processes.get(key);
    if (seen === undefined || seen.settled) return 0;
    seen.settled = true;
    return seen.own + seen.reaped + (gone.get(key) ?? []).reduce((sum, child) => sum + settle(child), 0);
  };
  for (const [key, now] of alive) {
    const before = cpuSeen.processes.get(key);
    if (before !== undefined) {
      const counted = (gone.get(key) ?? []).reduce((sum, child) => sum + settle(child), 0);
      cpuSeen.unseen += Math.max(0, now.reaped - before.reaped - counted);
    }
    cpuSeen.processes.set(key, {
      parent: now.parent,
      own: Math.max(before?.own ?? 0, now.own),
      reaped: now.reaped,
      settled: false,
    });
  }
  return total;
}

/** The CPU time noted in `cpuSeen`, ms: every process's own as last seen, and the unseen ones'. */
const seenCpuMs = (cpuSeen: CpuSeen): number =>
  (([...cpuSeen.processes.values()].reduce((sum, seen) => sum + seen.own, 0) + cpuSeen.unseen) * 1000) /
  TICKS_PER_SECOND;

/**
 * Runs a command to completion, sampling its process tree's CPU and (with `memory`, the default)
 * its memory; returns its output, wall time, CPU and peak (0 without `memory`).
 */
export function runMeasured(
  command: string,
  args: string[],
  cwd: string,
  { memory = true }: { memory?: boolean } = {},
): Promise<{
  status: number | null;
  stdout: string;
  ms: number;
  /** CPU time of the command's process tree, summed over every process seen in it (sampled), and the unseen ones reaped in it. */
  cpuMs: number;
  /** The same by bash `times`: only processes reaped into the tree (Chromium's renderers are not). */
  reapedCpuMs: number;
  peakBytes: number;
  stagePeaks: Record<string, number>;
  /** CPU time from the end of the stage before to the stage's own "done" line, sampled. */
  stageCpu: Record<string, number>;
}> {
  return new Promise((resolve) => {
    const started = performance.now();
    // Through bash, whose `times` then says the CPU time of the command and all it waited for.
    const script = '"$@"; status=$?; echo; echo "@@times"; times; exit $status';
    const child = spawn('bash', ['-c', script, 'bash', command, ...args], {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let peakBytes = 0;
    // The peak since the last stage ended: a stage's own when its "done" line comes.
    let stagePeak = 0;
    const stagePeaks: Record<string, number> = {};
    // Each process's own CPU time, as last seen: Chromium's renderer and GPU processes are not
    // waited for by the processes that started them (bash `times` never counts them), so the
    // tree's CPU is summed over its processes while they live (less their last 100 ms), plus
    // the processes that lived between two samples, from what their parents reaped (sampleTree).
    const cpuSeen = newCpuSeen();
    const stageCpu: Record<string, number> = {};
    let cpuAtStage = 0;
    let unread = '';
    const take = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      stdout += text;
      const lines = (unread + text).split('\n');
      unread = lines.pop() ?? '';
      for (const line of lines) {
        const stage =
          /^(\w+): done in \d+ ms/.exec(line)?.[1] ?? (/^Checked .* in \d+ ms/.test(line) ? 'check' : undefined);
        if (stage === undefined) continue;
        sample();
        stagePeaks[stage] = stagePeak;
        stagePeak = 0;
        const cpu = seenCpuMs(cpuSeen);
        stageCpu[stage] = cpu - cpuAtStage;
        cpuAtStage = cpu;
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    function sample(): void {
      if (child.pid === undefined) return;
      const bytes = sampleTree(child.pid, cpuSeen, memory);
      peakBytes = Math.max(peakBytes, bytes);
      stagePeak = Math.max(stagePeak, bytes);
    }
    const timer = setInterval(sample, 100);
    child.on('close', (status) => {
      clearInterval(timer);
      const ms = performance.now() - started;
      const at = stdout.lastIndexOf('\n@@times\n');
      const times = at === -1 ? '' : stdout.slice(at);
      const reapedCpuMs = [...(times.split('\n')[3] ?? '').matchAll(/(\d+)m([\d.]+)s/g)].reduce(
        (sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000,
        0,
      );
      resolve({
        status,
        stdout: at === -1 ? stdout : stdout.slice(0, at),
        ms,
        cpuMs: seenCpuMs(cpuSeen),
        reapedCpuMs,
        peakBytes,
        stagePeaks,
        stageCpu,
      });
    });
  });
}

/** One `npm run build` in `root`, with the figures it reports (its memory sampled unless `memory` is false). */
export async function measureBuild(root: string, options: { memory?: boolean } = {}): Promise<RunFigures> {
  // With the V8 flags `npm run build` gives it (package.json).
  const run = await runMeasured(
    process.execPath,
    [...BUILD_V8_FLAGS, path.join(root, 'scripts', 'build.ts')],
    root,
    options,
  );
  if (run.status !== 0) throw new Error(`the build failed in ${root}:\n${run.stdout.slice(-4000)}`);
  const stages: Record<string, number> = {};
  const checked = /^Checked .* in (\d+) ms/m.exec(run.stdout);
  if (checked !== null) stages['check'] = Number(checked[1]);
  for (const m of run.stdout.matchAll(/^(\w+): done in (\d+) ms/gm)) stages[m[1] as string] = Number(m[2]);
  const printed = /^print: (\d+) of (\d+) PDFs printed/m.exec(run.stdout);
  const pdfs = listFiles(path.join(root, 'dist')).filter((file) => file.endsWith('.pdf')).length;
  const did = (await lastBuildActions(root)) ?? undefined;
  return {
    totalMs: run.ms,
    cpuMs: run.cpuMs,
    printTimes: /^print: a PDF's time .*$/m.exec(run.stdout)?.[0],
    reapedCpuMs: run.reapedCpuMs,
    stages,
    stageCpu: run.stageCpu,
    peakBytes: run.peakBytes,
    stagePeaks: run.stagePeaks,
    renderedPages: did?.pages?.length,
    printed: printed === null ? (/^print: done/m.test(run.stdout) ? pdfs : 0) : Number(printed[1]),
    pdfs,
  };
}

/** Anchor (a): a bare Astro project building N markdown pages of the sheet's prose. */
export async function plainAstro(projectRoot: string, pages: number): Promise<{ ms: number; peakBytes: number }> {
  const root = mkdtempSync(path.join(tmpdir(), `ogp-bench-astro-${pages}-`));
  try {
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    writeFileSync(path.join(root, 'package.json'), '{ "type": "module", "private": true }\n');
    writeFileSync(path.join(root, 'astro.config.mjs'), "export default { site: 'https://example.org' };\n");
    const source = readFileSync(path.join(projectRoot, 'content', 'policy-areas', `${REFERENCE}.mdx`), 'utf8');
    const body = source.replace(/^---[\s\S]*?\n---\n/, '');
    mkdirSync(path.join(root, 'src', 'pages'), { recursive: true });
    for (let i = 0; i < pages; i++) {
      writeFileSync(
        path.join(root, 'src', 'pages', `page-${i}.md`),
        `---\ntitle: Page ${i}\n---\n\n# Page ${i}\n\n${body}`,
      );
    }
    const astro = path.join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
    const run = await runMeasured(process.execPath, [astro, 'build', '--silent'], root);
    if (run.status !== 0) throw new Error(`plain Astro failed:\n${run.stdout.slice(-2000)}`);
    return { ms: run.ms, peakBytes: run.peakBytes };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Anchor (b): page.goto + page.pdf() over every built sheet page, with the print stage's pool
 * size (bench/bare-loop.ts), in a process of its own timed as the builds are: its CPU sampled,
 * not its memory (reading each process's memory map holds up the processes it reads).
 */
export async function bareGotoPdf(
  siteDir: string,
): Promise<{ ms: number; cpuMs: number; pages: number; pool: number }> {
  const script = path.join(import.meta.dirname, 'bare-loop.ts');
  const run = await runMeasured(process.execPath, [script, siteDir], process.cwd(), { memory: false });
  const line = /^@@bare (.*)$/m.exec(run.stdout)?.[1];
  if (run.status !== 0 || line === undefined)
    throw new Error(`the bare print loop failed:\n${run.stdout.slice(-2000)}`);
  const loop = JSON.parse(line) as { ms: number; pages: number; pool: number };
  // The loop's own CPU: from the browser and pages being open to the last PDF, Chromium included.
  return { ...loop, cpuMs: run.stageCpu['loop'] ?? run.cpuMs };
}

/**
 * Microseconds of system time to make a small file, over 300 files in a new folder of `dir`'s
 * file system. On ext4 without a journal it is several times its usual figure for minutes after
 * many files were deleted (a new inode skips those freed in the last 60-360 s), which slows
 * every stage that writes files: printed with the figures, so that runs can be compared.
 */
export function fileCreationMicros(dir: string): number {
  const folder = mkdtempSync(path.join(dir, 'ogp-bench-probe-'));
  try {
    const before = process.cpuUsage().system;
    for (let i = 0; i < 300; i++) writeFileSync(path.join(folder, `${i}.html`), '<!doctype html>');
    return (process.cpuUsage().system - before) / 300;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(2)} GB`;

/** The whole scale benchmark: builds, anchors, and a report on stdout. */
export async function benchScale(
  projectRoot: string,
  sheets: number,
  options: { keep?: boolean; languages?: readonly string[] } = {},
): Promise<void> {
  const out = (line = ''): void => void process.stdout.write(`${line}\n`);
  const probe = fileCreationMicros(tmpdir());
  const root = scaleProject(projectRoot, sheets, options.languages);
  const setAside = `${root}-set-aside`;
  try {
    out(
      `scale: ${sheets} sheets in ${options.languages?.join(', ') ?? siteLanguages.join(', ')} in ${root} (${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)} at start, a new file ${probe.toFixed(0)} µs of system time)`,
    );
    const stageNames = ['check', 'charts', 'pages', 'images', 'print', 'search', 'verify'];
    const row = (name: string, run: RunFigures): string =>
      [
        name.padEnd(26),
        seconds(run.totalMs).padStart(8),
        seconds(run.cpuMs).padStart(8),
        ...stageNames.map((stage) => (run.stages[stage] === undefined ? '-' : seconds(run.stages[stage])).padStart(8)),
        `${run.printed}/${run.pdfs}`.padStart(10),
        gb(run.peakBytes).padStart(9),
        loadavg()[0]?.toFixed(1).padStart(6),
      ].join(' ');
    out();
    out(
      [
        ''.padEnd(26),
        'total'.padStart(8),
        'cpu'.padStart(8),
        ...stageNames.map((s) => s.padStart(8)),
        'printed'.padStart(10),
        'peak'.padStart(9),
        'load'.padStart(6),
      ].join(' '),
    );
    // Each row as soon as it is measured: a long run that fails later still tells what it saw.
    // Every build is timed with its CPU sampled only, then run again (the cold one cold again)
    // with its memory sampled for its peak: reading every process's memory map ten times a second
    // holds the processes up and takes a share of the two cores, about 1.3 s of an 11-12 s rebuild
    // after one edit at 200 sheets (1 December 2026), 6.6 and 7.2 s of a 49-57 s cold build
    // (3 December, two pairs, alternating). The bare loop below is timed so too.
    const withPeakOf = (timed: RunFigures, sampled: RunFigures): RunFigures => ({
      ...timed,
      peakBytes: sampled.peakBytes,
      stagePeaks: sampled.stagePeaks,
    });
    const coldTimed = await measureBuild(root, { memory: false });
    // The cold build's outputs are moved aside, not deleted, until the project is removed at the
    // end: on ext4 without a journal (these machines), a new file's inode skips those freed in
    // the last 60 s (300 s more while their table is not yet written back), so deleting the
    // ~12,000 files of a cold build at 200 sheets made the file-writing of the runs after it
    // slower (two cold builds 5 s after deleting 22,000-25,000 files: 2.3-3.4 s more system time
    // than after 100 s without deletions, 3 December 2026). Outside the project, whose every
    // other file is an input of the build.
    mkdirSync(setAside);
    for (const made of ['dist', '.cache', '.tmp', '.astro'])
      if (existsSync(path.join(root, made))) renameSync(path.join(root, made), path.join(setAside, made));
    const coldSampled = await measureBuild(root);
    const cold = withPeakOf(coldTimed, coldSampled);
    out(row('cold build', cold));
    const unchangedSampled = await measureBuild(root);
    const unchanged = withPeakOf(await measureBuild(root, { memory: false }), unchangedSampled);
    out(row('rebuild, nothing changed', unchanged));
    // One sheet's edit: the title of an English source (the files in the language folders are
    // translations), the last copy's, or the reference's when it is alone; then another, for the peak.
    const editedSlug = sheets > 1 ? `bench-${String(sheets - 1).padStart(4, '0')}` : REFERENCE;
    const edited = path.join(root, 'content', 'policy-areas', `${editedSlug}.mdx`);
    const editTitle = (suffix: string): void =>
      writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^title: (.*)$/m, `title: $1 (${suffix})`));
    editTitle('edited');
    const oneEditTimed = await measureBuild(root, { memory: false });
    editTitle('edited again');
    const oneEditSampled = await measureBuild(root);
    const oneEdit = withPeakOf(oneEditTimed, oneEditSampled);
    out(row('rebuild after one edit', oneEdit));
    out(
      `  (the peaks are from a run of each with its memory sampled too, which took ${seconds(coldSampled.totalMs)} (cold, ${seconds(coldSampled.cpuMs)} of CPU), ` +
        `${seconds(unchangedSampled.totalMs)} (nothing changed) and ${seconds(oneEditSampled.totalMs)} (a second edit of the same sheet) by wall, ${seconds(oneEditSampled.cpuMs)} of CPU)`,
    );
    for (const [name, run] of [
      ['cold', cold],
      ['one edit', oneEdit],
    ] as const) {
      const cpu = stageNames.filter((stage) => run.stageCpu[stage] !== undefined);
      if (cpu.length > 0)
        out(
          `  ${name}, CPU by stage: ${cpu.map((stage) => `${stage} ${seconds(run.stageCpu[stage] ?? 0)}`).join(', ')}`,
        );
      if (run.printTimes !== undefined) out(`  ${name}: ${run.printTimes}`);
      if (run.renderedPages !== undefined)
        out(`  ${name}: ${run.renderedPages} of the sheets' pages rendered by Astro`);
      const peaks = stageNames.filter((stage) => run.stagePeaks[stage] !== undefined);
      out(
        `  ${name}, peak memory by stage: ${peaks.map((stage) => `${stage} ${gb(run.stagePeaks[stage] ?? 0)}`).join(', ')}`,
      );
    }
    out(
      `  (cpu: user + system time of every process of the build's tree, Chromium's included, summed while they run; ` +
        `bash \`times\` counts only the processes reaped into the tree: cold ${seconds(cold.reapedCpuMs)}, one edit ${seconds(oneEdit.reapedCpuMs)})`,
    );
    out();
    const bare = await bareGotoPdf(path.join(root, 'dist'));
    const astro = await plainAstro(projectRoot, sheets);
    const pagesMs = cold.stages['pages'] ?? Number.NaN;
    out(
      `(a) plain Astro, ${sheets} markdown pages: ${seconds(astro.ms)} (${(astro.ms / sheets).toFixed(1)} ms a page), peak ${gb(astro.peakBytes)}`,
    );
    out(
      `    our pages stage / plain Astro: ${(pagesMs / astro.ms).toFixed(2)}x; cold build / plain Astro: ${(cold.totalMs / astro.ms).toFixed(2)}x`,
    );
    const barePerSheet = bare.ms / bare.pages;
    const printPerSheet = (cold.stages['print'] ?? Number.NaN) / Math.max(1, cold.printed);
    out(
      `(b) bare page.goto + page.pdf() loop over ${bare.pages} sheet pages, pool of ${bare.pool}: ${seconds(bare.ms)} (${barePerSheet.toFixed(0)} ms a page)`,
    );
    out(
      `    our print stage, cold: ${printPerSheet.toFixed(0)} ms a PDF = ${(printPerSheet / barePerSheet).toFixed(2)}x the bare loop (target <= 0.80x)`,
    );
    const printCpuPerSheet = (cold.stageCpu['print'] ?? Number.NaN) / Math.max(1, cold.printed);
    const bareCpuPerSheet = bare.cpuMs / bare.pages;
    out(
      `    by CPU (Chromium included): ${printCpuPerSheet.toFixed(0)} ms a PDF vs ${bareCpuPerSheet.toFixed(0)} ms a page = ${(printCpuPerSheet / bareCpuPerSheet).toFixed(2)}x`,
    );
    out();
    out(
      `targets at 200 sheets: cold < 50 s (${seconds(cold.totalMs)}), nothing changed < 5 s (${seconds(unchanged.totalMs)}), ` +
        `one edit < 8 s (${seconds(oneEdit.totalMs)}), peak < 1.5 GB (${gb(Math.max(cold.peakBytes, unchanged.peakBytes, oneEdit.peakBytes))})`,
    );
  } finally {
    rmSync(setAside, { recursive: true, force: true });
    if (options.keep === true) out(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}
