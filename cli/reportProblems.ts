import type { ImportProblem } from '../api/catalog';

/** Prints every rejected row or image, one line each, on stderr. */
export function reportProblems(problems: ImportProblem[]): void {
  for (const p of problems) process.stderr.write(`  rejected ${p.where}: ${p.reason}\n`);
}
