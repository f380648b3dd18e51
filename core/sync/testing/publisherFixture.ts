import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PublishReport } from '../../../api/sync';
import { embeddingRepository } from '../../../db';
import { Engine } from '../../engine';
import { resolveModel } from '../../embed';
import { generatePublisherKey, type PublisherKeyPair } from '../publisherKey';
import { publishPackage } from '../publish/publishPackage';

/** Real mark images for tests and benches: the simple-icons SVGs in node_modules. */
export const ICONS_DIR = resolve(fileURLToPath(new URL('../../../node_modules/simple-icons/icons', import.meta.url)));
let iconNames: string[] | null = null;
export function iconPath(i: number): string {
  iconNames ??= readdirSync(ICONS_DIR).filter((n) => n.endsWith('.svg')).sort();
  return join(ICONS_DIR, iconNames[i % iconNames.length]);
}

export interface RecordalSpec {
  id: string;
  /** Index into the icon list: the recordal's one mark. */
  icon: number;
  licensees?: string[];
}

/** A headquarters database plus its signing key, driven through the real import and publish code. */
export class PublisherFixture {
  private manifests = 0;
  private constructor(
    readonly dir: string,
    readonly engine: Engine,
    readonly key: PublisherKeyPair,
  ) {}

  static create(dir: string): PublisherFixture {
    return new PublisherFixture(dir, Engine.open({ dbPath: join(dir, 'publisher.db') }), generatePublisherKey());
  }

  async importRecordals(specs: RecordalSpec[]): Promise<void> {
    const file = join(this.dir, `recordals-${++this.manifests}.jsonl`);
    const lines = specs.map((s) =>
      JSON.stringify({
        recordal_no: s.id,
        holder: `Holder of ${s.id}`,
        mark_name: `Mark ${s.id}`,
        images: [iconPath(s.icon)],
        mark_ids: [`mark-${s.id}`],
        nice_classes: [9, 25],
        valid_from: '2020-01-01',
        valid_to: '2035-12-31',
        licensees: s.licensees ?? [],
      }),
    );
    writeFileSync(file, lines.join('\n') + '\n');
    const report = await this.engine.importManifest(file);
    if (report.problems.length) throw new Error(`fixture import failed: ${JSON.stringify(report.problems)}`);
  }

  /** Headquarters withdraws a recordal (there is no CLI for that yet, so plain SQL). */
  deleteRecordal(id: string): void {
    this.engine.db.prepare('DELETE FROM recordals WHERE id = ?').run(id);
    this.engine.db.prepare('DELETE FROM images WHERE sha256 NOT IN (SELECT image_sha256 FROM marks)').run();
  }

  /** Real vectors from the real model for every image that lacks one. */
  async embed(): Promise<void> {
    await this.engine.indexMissing();
  }

  /** Stand-in vectors (random unit vectors tagged with the real model id): for tests about atomicity, not ranking. */
  putSyntheticVectors(): void {
    const model = resolveModel();
    const repo = embeddingRepository(this.engine.db);
    repo.registerModel({ id: model.id, name: model.spec.name, dim: model.spec.output.dim });
    const missing = repo.imagesMissing(model.id, 1_000_000);
    repo.putMany(
      model.id,
      missing.map((imageSha256) => {
        const v = Float32Array.from({ length: model.spec.output.dim }, () => Math.random() - 0.5);
        const n = Math.hypot(...v);
        return { imageSha256, vector: v.map((x) => x / n) };
      }),
    );
  }

  async publish(outDir: string, options: { snapshot?: boolean; since?: number; withVectors?: boolean } = {}): Promise<PublishReport> {
    return publishPackage(this.engine.db, {
      snapshot: options.snapshot,
      since: options.since,
      privateKeyPem: this.key.privateKeyPem,
      outDir,
      modelId: options.withVectors === false ? undefined : resolveModel().id,
    });
  }

  async close(): Promise<void> {
    await this.engine.close();
  }
}
