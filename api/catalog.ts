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
  failed: ImportProblem[];
  seconds: number;
  modelId: string;
}
