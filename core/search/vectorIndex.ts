import * as ort from 'onnxruntime-node';
import { dot } from '../embed/vectorMath';
import { scanGraph } from './scanGraph';

export interface Hit {
  /** Row in the index (stable while the index lives). */
  row: number;
  key: string;
  score: number;
}

/**
 * Exact cosine search over L2-normalised vectors held in one Float32Array. At 200k x 256 a full
 * scan is ~50 M multiply-adds per query: `search` does it in JavaScript (~30 ms), `searchMany` hands
 * a batch of queries to onnxruntime's GEMM (19 queries in ~12 ms). Exact either way, no index to go stale.
 */
export class VectorIndex {
  private keys: string[] = [];
  /** key -> its rows, built on first use by scoreOf */
  private rowsOfKey: Map<string, number[]> | null = null;
  /** onnxruntime sessions holding the vectors, by rows kept per query; dropped when a vector is added */
  private scans = new Map<number, Promise<ort.InferenceSession>>();
  private data: Float32Array;
  private rows = 0;

  constructor(readonly dim: number, capacity = 1024) {
    this.data = new Float32Array(Math.max(1, capacity) * dim);
  }

  static from(keys: string[], vectors: Float32Array, dim: number): VectorIndex {
    const index = new VectorIndex(dim, keys.length);
    index.data.set(vectors.subarray(0, keys.length * dim));
    index.keys = keys.slice();
    index.rows = keys.length;
    return index;
  }

  get size(): number {
    return this.rows;
  }

  /** The stored rows as they are (no copy): key of each row, and the vectors back to back. */
  rowsView(): { keys: readonly string[]; data: Float32Array } {
    return { keys: this.keys.slice(0, this.rows), data: this.data.subarray(0, this.rows * this.dim) };
  }

  add(key: string, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`vector has ${vector.length} dims, index has ${this.dim}`);
    if ((this.rows + 1) * this.dim > this.data.length) {
      const grown = new Float32Array(Math.max(this.data.length * 2, (this.rows + 1) * this.dim));
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(vector, this.rows * this.dim);
    this.keys.push(key);
    if (this.rowsOfKey) remember(this.rowsOfKey, key, this.rows);
    this.rows++;
    this.releaseScans();
  }

  /** Frees the onnxruntime copies of the vectors (they are rebuilt on the next searchMany). */
  releaseScans(): void {
    for (const scan of this.scans.values()) void scan.then((s) => s.release()).catch(() => undefined);
    this.scans.clear();
  }

  private keyRows(): Map<string, number[]> {
    if (!this.rowsOfKey) {
      const rowsOfKey = new Map<string, number[]>();
      this.keys.forEach((k, row) => remember(rowsOfKey, k, row));
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
   * by its best row. `accept` filters keys before they compete.
   */
  search(query: Float32Array, k: number, accept?: (key: string) => boolean): Hit[] {
    const top: Hit[] = [];
    for (let row = 0; row < this.rows; row++) {
      const score = dot(query, this.data, row * this.dim);
      if (top.length === k && score <= top[k - 1].score) continue;
      const key = this.keys[row];
      if (accept && !accept(key)) continue;
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
   * best keys, best first, each once at its best view).
   */
  async searchMany(queries: Float32Array[], ks: number[]): Promise<Hit[][]> {
    if (queries.length === 0) return [];
    if (this.rows === 0) return queries.map(() => []);
    // a key's views are rows of their own: enough rows that k distinct keys are always among them
    let views = 1;
    for (const rows of this.keyRows().values()) views = Math.max(views, rows.length);
    const keep = Math.min(this.rows, Math.max(...ks) * views);
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
        const key = this.keys[row];
        if (seen.has(key)) continue;
        seen.add(key);
        hits.push({ row, key, score: values[j] });
      }
      return hits;
    });
  }

  private scan(keep: number): Promise<ort.InferenceSession> {
    let scan = this.scans.get(keep);
    if (!scan) {
      const bytes = scanGraph(this.data, this.rows, this.dim, keep);
      scan = ort.InferenceSession.create(bytes, { intraOpNumThreads: 2, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
      scan.catch(() => this.scans.delete(keep));
      this.scans.set(keep, scan);
    }
    return scan;
  }
}

function remember(rowsOfKey: Map<string, number[]>, key: string, row: number): void {
  const rows = rowsOfKey.get(key);
  if (rows) rows.push(row);
  else rowsOfKey.set(key, [row]);
}
