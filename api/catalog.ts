export interface ImportProblem {
  /** `file.csv:12` for a manifest row, the file path for an image. */
  where: string;
  reason: string;
}

export interface ImportReport {
  /** Marks written (new or updated). */
  marks: number;
  /** Recordals written (manifest imports only). */
  recordals: number;
  problems: ImportProblem[];
}

export interface IndexReport {
  embedded: number;
  /** Images that could not be embedded or have their local features extracted, by mark. */
  failed: ImportProblem[];
  /** Time spent embedding. */
  seconds: number;
  modelId: string;
  /** The local features verification needs, extracted after the vectors (null when that pass did not run). */
  features: { extracted: number; seconds: number } | null;
}
