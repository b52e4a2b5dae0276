// What a production server's processes hold, for the abuse checks: memory,
// CPU time and open descriptors of every process in the server's process group
// (the harness starts each server as a group leader; `next start` and
// adapter-node may fork workers). Linux /proc only.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The fields of `/proc/<pid>/stat` after the parenthesised command name, from
 * `state` on: [0] state, [1] ppid, [2] pgrp, … [11] utime, [12] stime.
 */
function statFields(pid: string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Calls `each` with every live process of group `pgid`; a process that ends while it is read is skipped. */
function forEachInGroup(pgid: number, each: (pid: string, fields: string[]) => void): void {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const fields = statFields(pid);
      if (Number(fields[2]) === pgid) each(pid, fields);
    } catch {
      // The process ended while we looked.
    }
  }
}

/** Resident bytes of all processes of group `pgid`. */
export function groupRss(pgid: number): number {
  let total = 0;
  forEachInGroup(pgid, (pid) => {
    const rss = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (rss) total += Number(rss[1]) * 1024;
  });
  return total;
}

/** CPU time (user + system, in clock ticks) of every process in the group. */
export function groupCpuTicks(pgid: number): number {
  let total = 0;
  forEachInGroup(pgid, (_pid, fields) => {
    total += Number(fields[11]) + Number(fields[12]);
  });
  return total;
}

/** The targets of every descriptor the group's processes hold (files, sockets, pipes). */
export function groupDescriptors(pgid: number): string[] {
  const targets: string[] = [];
  forEachInGroup(pgid, (pid) => {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        targets.push(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        // Closed while we looked.
      }
    }
  });
  return targets;
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
