/**
 * A/B in one run, rounds alternating in order (A B, B A, ...): the print stage (printSheets, as
 * bench/print-timeline.ts runs it, nothing recorded), the bare goto + pdf loop (bench/bare-loop.ts)
 * and the images stage (bench/images-stage.ts), each with a pool size and environment variables:
 *   node bench/print-ab.ts <built site of a kept bench project> <rounds> <config>...
 *   config: bare:<pool> | print:<pool> | images:<any>, then optionally :NAME=value,NAME=value
 * Each run in a process of its own, sampled as the bench samples the builds (runMeasured): wall
 * and CPU a PDF or image (Chromium included), peak memory, and the machine's idle share
 * (/proc/stat) over the run.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { runMeasured } from './scale.ts';

const [site, roundsArg, ...configs] = process.argv.slice(2);
if (site === undefined || configs.length === 0)
  throw new Error('usage: node bench/print-ab.ts <site> <rounds> <config>...');
const machine = (): { idle: number; total: number } => {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total: fields.reduce((a, b) => a + b, 0) };
};
const rows: Record<string, string[]> = {};
for (let round = 0; round < Number(roundsArg); round++) {
  const order = round % 2 === 0 ? configs : [...configs].reverse();
  for (const config of order) {
    const [kind, pool, envText] = config.split(':');
    const env = Object.fromEntries(
      (envText ?? '')
        .split(',')
        .filter(Boolean)
        .map((kv) => kv.split('=')),
    );
    const before = machine();
    const load = loadavg()[0] ?? 0;
    const script = path.join(
      import.meta.dirname,
      kind === 'bare' ? 'bare-loop.ts' : kind === 'images' ? 'images-stage.ts' : 'print-timeline.ts',
    );
    process.env['PRINT_PLAIN'] = '1';
    const args =
      kind === 'bare'
        ? [script, site, pool ?? '2']
        : kind === 'images'
          ? [script, path.dirname(site)]
          : [script, site, pool ?? '2', '', process.env['TIMELINE_OUT'] ?? '/dev/null'];
    Object.assign(process.env, env);
    const run = await runMeasured(process.execPath, args, process.cwd());
    for (const key of Object.keys(env)) delete process.env[key];
    const after = machine();
    if (run.status !== 0) throw new Error(`${config} failed:\n${run.stdout.slice(-2000)}`);
    const stage = kind === 'bare' ? 'loop' : kind === 'images' ? 'images' : 'print';
    const ms = Number(new RegExp(`^${stage}: done in (\\d+) ms`, 'm').exec(run.stdout)?.[1]);
    const pdfs = (JSON.parse(/^@@bare (.*)$/m.exec(run.stdout)?.[1] ?? '{}') as { pages: number }).pages;
    const idle = (after.idle - before.idle) / (after.total - before.total);
    const line = `${(ms / pdfs).toFixed(1)} ms, ${((run.stageCpu[stage] ?? 0) / pdfs).toFixed(1)} ms CPU, idle ${(idle * 100).toFixed(0)}%, peak ${(run.peakBytes / 1024 ** 3).toFixed(2)} GB, load ${load.toFixed(1)}`;
    (rows[config] ??= []).push(line);
    process.stdout.write(`round ${round + 1} ${config}: ${line}\n`);
  }
}
for (const [config, lines] of Object.entries(rows)) process.stdout.write(`${config}\n  ${lines.join('\n  ')}\n`);
