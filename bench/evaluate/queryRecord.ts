// One evaluated query: what went in, what came back, how long it took.
export interface QueryRecord {
  file: string;
  /** the table row this query counts toward */
  group: string;
  tags: string[];
  surface?: string;
  /** ranked mark ids after hiding, cut to the scored depth */
  ranked: string[];
  relevant: string[];
  topScore: number | null;
  /** wall time of engine.query */
  wallMs: number;
  timings: { decodeMs: number; embedMs: number; searchMs: number; totalMs: number } | null;
  /** the engine threw: the query counts as a miss and is left out of the latency figures */
  error?: string;
}
