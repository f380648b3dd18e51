import type { ProgressListener } from '../api/progress';

/** A one-line progress display on a TTY (stderr); silent when piped, so JSON output stays clean. */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): ProgressListener & { end(): void } {
  let last = 0;
  let shown = false;
  const listener = ((p) => {
    if (!stream.isTTY) return;
    const now = Date.now();
    if (now - last < 100 && p.done < p.total) return;
    last = now;
    const pct = p.total ? Math.floor((100 * p.done) / p.total) : 100;
    stream.write(`\r${p.phase}: ${p.done}/${p.total} (${pct}%)\x1b[K`);
    shown = true;
  }) as ProgressListener & { end(): void };
  listener.end = () => {
    if (shown) stream.write('\n');
    shown = false;
  };
  return listener;
}
