import type { Database } from '../db';
import { embeddingRepository, imageRepository, markRepository, openDatabase, recordalRepository } from '../db';
import type { ImportReport, IndexReport } from '../api/catalog';
import type { ProgressListener } from '../api/progress';
import { queryWarning, type QueryOptions, type QueryResult, type QueryWarning } from '../api/query';
import type { RecordalDetails } from '../api/recordal';
import { importImageFolder, importManifest } from './catalog';
import { OnnxEmbedder, type EmbedderOptions } from './embed';
import { indexMissing, type IndexOptions } from './embed/indexMissing';
import { warmUpPhoto, type ImageInput } from './image';
import { queryPhoto } from './match';
import { MarkDetector } from './detect';
import { indexLocalFeatures, VerifierThread, type LocalFeatureIndexReport } from './verify';
import { GalleryIndex } from './search';
import type { SyncReport } from '../api/sync';
import { syncPackage, type SyncPackageOptions } from './sync/device/syncPackage';

export interface EngineOptions extends EmbedderOptions {
  dbPath: string;
  /** Refuse a path with no database instead of creating one (query, index, stats: a typo must not answer "no matches"). */
  mustExist?: boolean;
}

export interface EngineStats {
  recordals: number;
  marks: number;
  images: number;
  indexed: number;
  model: { id: string; name: string; dim: number } | null;
}

/**
 * The one engine the CLI, the desktop app, the web server and the tests drive. The model loads on
 * first use (import needs none); the gallery index loads once and is dropped whenever marks change.
 */
export class Engine {
  private embedder: OnnxEmbedder | null = null;
  private detector: Promise<MarkDetector | null> | null = null;
  private gallery: GalleryIndex | null = null;
  /** the gallery's hubness, measured once per loaded gallery (queries wait for it) */
  private hubnessMeasured: Promise<string | null> | null = null;
  /** geometric verification runs here, beside the thread that embeds and reads text */
  private readonly verifierThread = new VerifierThread();

  private constructor(
    readonly db: Database,
    private readonly options: EngineOptions,
  ) {}

  static open(options: EngineOptions): Engine {
    return new Engine(openDatabase(options.dbPath, { mustExist: options.mustExist }), options);
  }

  async model(): Promise<OnnxEmbedder> {
    this.embedder ??= await OnnxEmbedder.load(this.options);
    return this.embedder;
  }

  async importImages(dir: string, options: { onProgress?: ProgressListener } = {}): Promise<ImportReport> {
    this.dropGallery();
    return importImageFolder(this.db, dir, options.onProgress);
  }

  async importManifest(file: string, options: { imagesDir?: string; onProgress?: ProgressListener } = {}): Promise<ImportReport> {
    this.dropGallery();
    return importManifest(this.db, file, options);
  }

  async indexMissing(options: IndexOptions = {}): Promise<IndexReport> {
    this.dropGallery();
    let report: IndexReport;
    let features: LocalFeatureIndexReport;
    try {
      report = await indexMissing(this.db, await this.model(), options);
      // local features for geometric verification, precomputed once per mark image
      features = await indexLocalFeatures(this.db, { onProgress: options.onProgress, signal: options.signal, thread: this.verifierThread });
    } finally {
      // a query answered meanwhile loaded the gallery half-indexed: the next one loads what is stored now
      this.dropGallery();
    }
    // an unreadable image fails both passes: report it once
    const seen = new Set(report.failed.map((f) => `${f.where}\n${f.reason}`));
    const failed = [...report.failed, ...features.failed.filter((f) => !seen.has(`${f.where}\n${f.reason}`))];
    return { ...report, failed, features: { extracted: features.extracted, seconds: features.seconds } };
  }

  /**
   * Does once what the first query would otherwise wait for: answers a drawn photo, which loads the
   * models, OCR, OpenCV, the gallery and its hubness and runs every session and code path once.
   * A long-running host calls it at start so the inspector's first photo is as fast as the next.
   * Queries started meanwhile share the same loads; a failure is left for the next query to report.
   */
  async warmUp(): Promise<void> {
    // the query loads everything in a cold first query's order; loading the onnxruntime sessions concurrently
    // instead left every later query ~30 ms slower (demo photos, p50 171-222 ms against 150-163)
    await this.query(await warmUpPhoto());
  }

  async query(input: ImageInput, options: QueryOptions = {}): Promise<QueryResult> {
    const embedder = await this.model();
    this.gallery ??= GalleryIndex.load(this.db, embedder.id, embedder.dim, embedder.model.spec.input.markViews);
    const gallery = this.gallery;
    const warnings: QueryWarning[] = [];
    const hubness = await this.measureHubness(gallery, embedder);
    if (hubness) warnings.push(queryWarning('HUBNESS_UNAVAILABLE', hubness));
    // a detector that failed to load is tried again by the next query, as the embedding model is
    this.detector ??= MarkDetector.load(this.options.modelsDir).catch((e: unknown) => {
      this.detector = null;
      throw e;
    });
    const detector = await this.detector;
    const result = await queryPhoto(input, { embedder, detector }, gallery, options, { db: this.db, thread: this.verifierThread });
    // marks without a vector for this model cannot be found: say so rather than answer silently short
    const missing = gallery.unindexedMarks;
    if (missing > 0) {
      const message = `${missing} of ${gallery.markCount} marks have no vector for model ${embedder.id.slice(0, 12)} and cannot match: run marksight index`;
      warnings.push(queryWarning('MARKS_UNINDEXED', message, { missing, total: gallery.markCount }));
    }
    return warnings.length ? { ...result, warnings: [...(result.warnings ?? []), ...warnings] } : result;
  }

  /**
   * The gallery's hubness, measured once per loaded gallery. Without it the ranking is the uncorrected
   * one (the fusion was fitted with it): the query goes on with a warning, and the next one tries again.
   */
  private async measureHubness(gallery: GalleryIndex, embedder: OnnxEmbedder): Promise<string | null> {
    const { hubness, hubnessProblem } = embedder.model;
    if (!hubness) return hubnessProblem ?? null;
    this.hubnessMeasured ??= gallery.measureHubness(hubness).then(
      () => null,
      (err: unknown) => {
        if (this.gallery === gallery) this.hubnessMeasured = null;
        return `hubness correction unavailable for this query: ${err instanceof Error ? err.message : String(err)}`;
      },
    );
    return this.hubnessMeasured;
  }

  /**
   * Verifies and applies one signed update package (all or nothing), then embeds the images that
   * arrived without vectors for this device's model; that part is resumable like `indexMissing`.
   */
  async sync(options: Omit<SyncPackageOptions, 'stagingRoot'> & { embed?: boolean }): Promise<SyncReport> {
    this.dropGallery();
    let applied: Omit<SyncReport, 'index'>;
    try {
      applied = await syncPackage(this.db, { ...options, stagingRoot: `${this.options.dbPath}.sync` });
    } finally {
      this.dropGallery(); // queries during the apply loaded the catalogue before it
    }
    const index = options.embed === false ? null : await this.indexMissing({ onProgress: options.onProgress, signal: options.signal });
    return { ...applied, index };
  }

  recordal(id: string): RecordalDetails | undefined {
    return recordalRepository(this.db).details(id);
  }

  stats(): EngineStats {
    const m = this.embedder;
    return {
      recordals: recordalRepository(this.db).count(),
      marks: markRepository(this.db).count(),
      images: imageRepository(this.db).count(),
      indexed: m ? embeddingRepository(this.db).count(m.id) : 0,
      model: m ? { id: m.id, name: m.model.spec.name, dim: m.dim } : null,
    };
  }

  /** Marks or vectors changed: the gallery (and its hubness) is loaded again on the next query. */
  private dropGallery(): void {
    // a query still holding the old gallery finishes on it, by the JavaScript scan if it needs another batch
    this.gallery?.vectors.close();
    this.gallery = null;
    this.hubnessMeasured = null;
  }

  async close(): Promise<void> {
    this.dropGallery();
    await this.embedder?.close();
    await (await this.detector?.catch(() => null))?.close();
    await this.verifierThread.close();
    this.db.close();
  }
}

export async function openEngine(options: EngineOptions): Promise<Engine> {
  return Engine.open(options);
}
