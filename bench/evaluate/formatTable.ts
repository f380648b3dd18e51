// Plain-text table for the terminal and for pasting into issues.
import type { GroupSummary } from './summarise';

const num = (v: number, digits = 3) => (Number.isNaN(v) ? '-' : v.toFixed(digits));

export function formatTable(title: string, rows: readonly GroupSummary[]): string {
  const header = ['group', 'n', 'err', 'R@1', 'R@10', 'mAP@10', 'p50 ms', 'p95 ms', 'top1 p50', 'top1 p95'];
  const body = rows.map((r) => [
    r.group,
    String(r.count),
    String(r.errors),
    num(r.r1),
    num(r.r10),
    num(r.mAP),
    num(r.latencyP50, 0),
    num(r.latencyP95, 0),
    num(r.topScoreP50),
    num(r.topScoreP95),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
