import type { Box } from '../image';

/**
 * Whether a searched region holds a mark: at least 80 % of the mark's box inside it, and the mark filling at least
 * 20 % of it (IoU undercounts small marks inside a region with margin). The measure the detector and the proposals
 * are judged by (`bench/diagnose.ts`, the detector's tests).
 */
export function holdsMark(region: Box, mark: Box): boolean {
  const ix = Math.max(0, Math.min(region[0] + region[2], mark[0] + mark[2]) - Math.max(region[0], mark[0]));
  const iy = Math.max(0, Math.min(region[1] + region[3], mark[1] + mark[3]) - Math.max(region[1], mark[1]));
  const markArea = mark[2] * mark[3];
  return ix * iy >= 0.8 * markArea && markArea >= 0.2 * region[2] * region[3];
}
