// Writes bench/out/gallery/{svg,png}/<id>.* and gallery.jsonl; skips rasters already on disk at this GALLERY_RASTER_VERSION
// (the SVG is rewritten each time; it is cheap and keeps the folder in step with the packages).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonl } from '../lib/jsonl';
import { galleryJsonl, galleryPngDir, gallerySvgDir } from '../lib/paths';
import { collectGallery, sharedBrands } from './collectGallery';
import type { GalleryMark } from './galleryMark';
import { GALLERY_RASTER_VERSION, galleryPng } from './galleryRaster';

export interface GalleryBuildReport {
  marks: number;
  brands: number;
  sharedBrands: number;
  rasterised: number;
  seconds: number;
}

export async function buildGallery(log: (line: string) => void = console.log): Promise<GalleryBuildReport> {
  const started = performance.now();
  mkdirSync(gallerySvgDir, { recursive: true });
  mkdirSync(galleryPngDir, { recursive: true });
  const entries = collectGallery();
  const versionFile = join(galleryPngDir, 'VERSION');
  const current = existsSync(versionFile) && readFileSync(versionFile, 'utf8').trim() === GALLERY_RASTER_VERSION;
  let rasterised = 0;
  for (const [i, entry] of entries.entries()) {
    writeFileSync(join(gallerySvgDir, `${entry.id}.svg`), entry.svg);
    const png = join(galleryPngDir, `${entry.id}.png`);
    if (!current || !existsSync(png)) {
      writeFileSync(png, await galleryPng(entry.svg));
      rasterised++;
    }
    if ((i + 1) % 1000 === 0) log(`  gallery ${i + 1}/${entries.length}`);
  }
  writeFileSync(versionFile, `${GALLERY_RASTER_VERSION}\n`);
  const rows: GalleryMark[] = entries.map(({ id, source, brand, title }) => ({ id, source, brand, title }));
  writeJsonl(galleryJsonl, rows);
  const report = {
    marks: rows.length,
    brands: new Set(rows.map((r) => r.brand)).size,
    sharedBrands: sharedBrands(rows).length,
    rasterised,
    seconds: (performance.now() - started) / 1000,
  };
  log(
    `gallery: ${report.marks} marks, ${report.brands} brands, ${report.sharedBrands} brands in both packages` +
      ` (${report.rasterised} rasterised in ${report.seconds.toFixed(1)} s)`,
  );
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildGallery();
}
