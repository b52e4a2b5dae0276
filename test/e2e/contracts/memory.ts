// The memory a production server holds, for the abuse checks: the resident set
// of every process in the server's process group (the harness starts each
// server as a group leader; `next start` and adapter-node may fork workers).
import { readdirSync, readFileSync } from 'node:fs';

/** Resident bytes of all processes whose process group is `pgid` (Linux /proc). */
export function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state, ppid, pgrp, …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const rss = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** The group's resident bytes sampled every `everyMs` while `during` runs: the peak. */
export async function peakRss(pgid: number, during: () => Promise<unknown>, everyMs = 50): Promise<{ before: number; peak: number }> {
  const before = groupRss(pgid);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, groupRss(pgid));
  }, everyMs);
  try {
    await during();
  } finally {
    clearInterval(timer);
  }
  return { before, peak: Math.max(peak, groupRss(pgid)) };
}
