/**
 * The processes of this machine as Linux's /proc gives them, for the bench's samplers
 * (bench/scale.ts, bench/print.ts, bench/print-timeline.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * Every process's /proc/<pid>/stat fields after its command, by pid: [0] state, [1] ppid, ...
 * [11] utime, [12] stime, [13] cutime, [14] cstime, ... [19] starttime (proc(5)'s fields 3 on).
 * Empty where there is no /proc; a process that ends while being read is left out.
 */
export function processStats(): Map<number, string[]> {
  const stats = new Map<number, string[]>();
  if (!existsSync('/proc')) return stats;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // After the command's closing parenthesis: the command itself may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      stats.set(Number(name), stat.slice(stat.lastIndexOf(')') + 2).split(' '));
    } catch {
      // the process ended meanwhile
    }
  }
  return stats;
}
