import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { IMAGE_EXTENSIONS } from '../image';

/** Every file under `dir` (recursively) with an image extension, sorted so imports are reproducible. */
export function listImageFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && (IMAGE_EXTENSIONS as readonly string[]).includes(extname(entry.name).toLowerCase())) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
