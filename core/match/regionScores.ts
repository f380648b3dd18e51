import type { GalleryIndex, Hit } from '../search';
import type { RegionScore } from './scoreCandidates';

/** Images fetched per region before merging: marks sharing an image or a brand need headroom. */
const REGION_HITS = 100;
/** Hits kept per window: windows only add a few candidates. */
const WINDOW_HITS = 20;
/**
 * A region's typical cosine is the mean of its best this-many. Ranking by cosine minus it (k = 10,
 * embedding only, val 100 per kind) moved R@1 easy 0.72 -> 0.74, redrawn 0.45 -> 0.46, hard R@10 0.22 -> 0.24.
 */
const TYPICAL_TOP = 10;

/**
 * The gallery searched once per region vector. Vectors [0, regionCount) are the photo's regions
 * (whole photo, proposals, the inspector's crop); the rest are windows of the grid. A region of busy
 * texture scores every mark fairly high, so marks rank by how far they stand out in their region
 * (contrast = cosine minus the region's typical top cosine). The same from the gallery's side: a mark
 * close to every photo region (a hub: plain shapes, thin wordmarks) has its hubness penalty subtracted
 * (GalleryIndex.measureHubness; val, embedding only, 100 per kind: hard R@1 0.11 -> 0.20).
 */
export class RegionScores {
  private readonly typical: number[];

  private constructor(
    private readonly gallery: GalleryIndex,
    private readonly vectors: Float32Array[],
    private readonly regionCount: number,
    private readonly hits: Hit[][],
    /** the searched region each vector stands for (a region's ground-free copy reports the region itself) */
    private readonly regionOf: number[],
  ) {
    this.typical = this.hits.map((hits) => meanScore(hits.slice(0, TYPICAL_TOP)));
  }

  /**
   * Searches the gallery with every vector at once (one onnxruntime run). Vectors [0, regionCount) are region
   * vectors; `regionOf` maps each vector to the searched region it reports (default: itself).
   */
  static async search(gallery: GalleryIndex, vectors: Float32Array[], regionCount: number, regionOf: number[] = vectors.map((_, i) => i)): Promise<RegionScores> {
    const hits = await gallery.vectors.searchMany(vectors, vectors.map((_, i) => (i < regionCount ? REGION_HITS : WINDOW_HITS)));
    return new RegionScores(gallery, vectors, regionCount, hits, regionOf);
  }

  /** Images by their best contrast over the regions, best first. */
  rankedByRegions(): string[] {
    return this.rankOver(0, this.regionCount);
  }

  /** Images by their best contrast over the windows, best first. */
  rankedByWindows(): string[] {
    return this.rankOver(this.regionCount, this.vectors.length);
  }

  /**
   * Any images' best showing in the regions and, apart, in the windows (the fusion weighs the two),
   * scored exactly whether or not a region's hits held them.
   */
  showingOf(shas: string[]): Map<string, RegionScore> {
    const out = new Map<string, RegionScore>();
    for (const sha of shas) {
      const s: RegionScore = { contrast: -1, cosine: 0, region: 0, window: -1, windowRegion: -1 };
      this.vectors.forEach((v, i) => {
        const cosine = this.gallery.vectors.scoreOf(v, sha);
        if (cosine === null) return;
        const contrast = cosine - this.typical[i] - this.gallery.penalty(sha);
        const region = this.regionOf[i];
        if (i < this.regionCount) {
          if (contrast > s.contrast) Object.assign(s, { contrast, cosine, region });
        } else if (contrast > s.window) Object.assign(s, { window: contrast, windowRegion: region });
      });
      out.set(sha, s);
    }
    return out;
  }

  private rankOver(from: number, to: number): string[] {
    const best = new Map<string, number>();
    for (let region = from; region < to; region++) {
      for (const hit of this.hits[region]) {
        best.set(hit.key, Math.max(best.get(hit.key) ?? -Infinity, hit.score - this.typical[region] - this.gallery.penalty(hit.key)));
      }
    }
    return [...best.entries()].sort((x, y) => y[1] - x[1]).map(([sha]) => sha);
  }
}

function meanScore(hits: Hit[]): number {
  return hits.length ? hits.reduce((s, h) => s + h.score, 0) / hits.length : 0;
}
