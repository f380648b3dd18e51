// Where the benchmark writes things. Everything generated lives under bench/out/ (git-ignored).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoDir = dirname(benchDir);
export const outDir = join(benchDir, 'out');
export const galleryDir = join(outDir, 'gallery');
/** the SVG as drawn by each package (brand colour applied) */
export const gallerySvgDir = join(galleryDir, 'svg');
/** raster copies for the engine's importer, which takes image files */
export const galleryPngDir = join(galleryDir, 'png');
export const galleryJsonl = join(galleryDir, 'gallery.jsonl');
export const benchDbPath = join(outDir, 'bench.db');
export const photosDir = (split: string): string => join(outDir, 'photos', split);
export const resultsPath = (split: string): string => join(outDir, `results-${split}.json`);
/** real photographs stay in the shared data folder; they are read in place, never copied */
export const realPhotosDir = resolve(repoDir, '..', 'shared', 'data', 'real-photos');
