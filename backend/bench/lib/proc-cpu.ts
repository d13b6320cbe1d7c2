import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (user + system, seconds) of each named process and all its descendants, exited ones included, from /proc (Linux only; 0 elsewhere). */
export function cpuSnapshot(roots: Record<string, number>): Record<string, number> {
  const procs = new Map<number, { ppid: number; ticks: number }>();
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime + stime, plus cutime + cstime: children that exited (and were waited for) still count.
        procs.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
      } catch {
        /* gone */
      }
    }
  } catch {
    return {};
  }
  const out: Record<string, number> = {};
  for (const [label, root] of Object.entries(roots)) {
    let ticks = 0;
    const stack = [root];
    while (stack.length) {
      const pid = stack.pop()!;
      ticks += procs.get(pid)?.ticks ?? 0;
      for (const [p, v] of procs) if (v.ppid === pid) stack.push(p);
    }
    out[label] = ticks / 100;
  }
  return out;
}

/** "name 12.3 s, …" between two snapshots (the bench process's own tree includes its children: subtract them). */
export function cpuReport(before: Record<string, number>, after: Record<string, number>): string {
  return Object.keys(after)
    .map((k) => `${k} ${(after[k]! - (before[k] ?? 0)).toFixed(1)} s`)
    .join(', ');
}
