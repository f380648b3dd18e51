import * as ort from 'onnxruntime-node';
import { dot } from '../embed/vectorMath';
import { scanGraph } from './scanGraph';
import { sessionOptions } from '../onnx/sessionOptions';

export interface Hit {
  /** Row in the index (stable while the index lives). */
  row: number;
  key: string;
  score: number;
}

/**
 * Exact cosine search over L2-normalised vectors held in one Float32Array. At 200k x 256 a full
 * scan is ~50 M multiply-adds per query: `search` does it in JavaScript (~42 ms per query vector),
 * `searchMany` hands a batch of query vectors to onnxruntime's GEMM (19 in ~12 ms; `npm run bench:search`).
 * Exact either way, no index to go stale.
 */
export class VectorIndex {
  private readonly keys: string[];
  /** key -> its rows, built on first use (scoreOf, searchMany) */
  private rowsOfKey: Map<string, number[]> | null = null;
  /** the most rows (views) any key has: searchMany keeps that many rows per wanted key */
  private maxViews = 1;
  /** onnxruntime sessions holding the vectors, by rows kept per query */
  private scans = new Map<number, Promise<ort.InferenceSession>>();
  /** retired sessions are released once no batch runs on them (onnxruntime runs a batch later, off this tick) */
  private retired: Promise<ort.InferenceSession>[] = [];
  private running = 0;
  /** closed: no new onnxruntime copy is built (searchMany scans in JavaScript) */
  private closed = false;
  private readonly data: Float32Array;
  private readonly rows: number;

  /** The gallery is loaded whole and dropped whole when marks change, so the index is built once, never grown. */
  private constructor(
    readonly dim: number,
    keys: string[],
    vectors: Float32Array,
  ) {
    if (vectors.length < keys.length * dim) throw new Error(`${keys.length} keys need ${keys.length * dim} values of ${dim} dims, got ${vectors.length}`);
    this.keys = keys.slice();
    this.rows = keys.length;
    this.data = vectors.slice(0, keys.length * dim);
  }

  /** `vectors` holds one L2-normalised vector of `dim` values per key, back to back (copied). */
  static from(keys: string[], vectors: Float32Array, dim: number): VectorIndex {
    return new VectorIndex(dim, keys, vectors);
  }

  get size(): number {
    return this.rows;
  }

  /** The stored rows as they are (views, not copies): key of each row, and the vectors back to back. */
  rowsView(): { keys: readonly string[]; data: Float32Array } {
    return { keys: this.keys, data: this.data.subarray(0, this.rows * this.dim) };
  }

  /** Frees the onnxruntime copies of the vectors once no batch runs on them (rebuilt on the next searchMany). */
  releaseScans(): void {
    this.retired.push(...this.scans.values());
    this.scans.clear();
    this.releaseRetired();
  }

  /** The index is being dropped: free the onnxruntime copies and build no new one. */
  close(): void {
    this.closed = true;
    this.releaseScans();
  }

  private releaseRetired(): void {
    if (this.running > 0) return;
    for (const scan of this.retired) void scan.then((s) => s.release()).catch(() => undefined);
    this.retired = [];
  }

  private keyRows(): Map<string, number[]> {
    if (!this.rowsOfKey) {
      const rowsOfKey = new Map<string, number[]>();
      this.keys.forEach((k, row) => (this.maxViews = Math.max(this.maxViews, remember(rowsOfKey, k, row))));
      this.rowsOfKey = rowsOfKey;
    }
    return this.rowsOfKey;
  }

  /** The key's best cosine over its rows (views), or null when the index does not hold it. */
  scoreOf(query: Float32Array, key: string): number | null {
    const rows = this.keyRows().get(key);
    if (!rows) return null;
    return Math.max(...rows.map((row) => dot(query, this.data, row * this.dim)));
  }

  /**
   * The k best keys by cosine, best first, each once: a key stored in several views (rows) scores
   * by its best row. The JavaScript scan: searchMany's fallback, and the reference its tests compare with.
   */
  search(query: Float32Array, k: number): Hit[] {
    const top: Hit[] = [];
    for (let row = 0; row < this.rows; row++) {
      const score = dot(query, this.data, row * this.dim);
      if (top.length === k && score <= top[k - 1].score) continue;
      const key = this.keys[row];
      // insertion into a short sorted list beats a heap for k <= ~100
      let i = top.findIndex((h) => h.key === key);
      if (i >= 0 && top[i].score >= score) continue;
      if (i < 0) i = top.length < k ? top.push({ row, key, score }) - 1 : k - 1;
      while (i > 0 && top[i - 1].score < score) {
        top[i] = top[i - 1];
        i--;
      }
      top[i] = { row, key, score };
    }
    return top;
  }

  /**
   * `search` for a batch of queries in one onnxruntime run, each with its own k (same results: the k
   * best keys, best first, each once at its best view). Falls back to the JavaScript scan when the
   * index is closed or onnxruntime fails.
   */
  async searchMany(queries: Float32Array[], ks: number[]): Promise<Hit[][]> {
    if (queries.length === 0) return [];
    if (this.rows === 0) return queries.map(() => []);
    const javascript = () => queries.map((q, i) => this.search(q, ks[i]));
    if (this.closed) return javascript();
    this.keyRows();
    // a key's views are rows of their own: the first k x views rows always hold k distinct keys
    const keep = Math.min(this.rows, Math.max(...ks) * this.maxViews);
    const keys = this.keys;
    this.running++;
    try {
      const session = await this.scan(keep);
      const batch = new Float32Array(queries.length * this.dim);
      queries.forEach((q, i) => batch.set(q, i * this.dim));
      const out = await session.run({ queries: new ort.Tensor('float32', batch, [queries.length, this.dim]) });
      const values = out.values.data as Float32Array;
      const rows = out.rows.data as BigInt64Array;
      return queries.map((_, q) => {
        const hits: Hit[] = [];
        const seen = new Set<string>();
        for (let j = q * keep; j < (q + 1) * keep && hits.length < ks[q]; j++) {
          const row = Number(rows[j]);
          const key = keys[row];
          if (seen.has(key)) continue;
          seen.add(key);
          hits.push({ row, key, score: values[j] });
        }
        return hits;
      });
    } catch {
      return javascript();
    } finally {
      this.running--;
      this.releaseRetired();
    }
  }

  private scan(keep: number): Promise<ort.InferenceSession> {
    let scan = this.scans.get(keep);
    if (!scan) {
      const bytes = scanGraph(this.data, this.rows, this.dim, keep);
      const created = ort.InferenceSession.create(bytes, sessionOptions(2));
      // a failed build is forgotten (the next batch tries again), never a newer session under the same key
      created.catch(() => {
        if (this.scans.get(keep) === created) this.scans.delete(keep);
      });
      this.scans.set(keep, created);
      scan = created;
    }
    return scan;
  }
}

/** Files the row under its key; returns how many rows the key has now. */
function remember(rowsOfKey: Map<string, number[]>, key: string, row: number): number {
  const rows = rowsOfKey.get(key);
  if (rows) return rows.push(row);
  rowsOfKey.set(key, [row]);
  return 1;
}
