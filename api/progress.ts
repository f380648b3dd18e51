/** Long work (import, index, sync) reports through this; the UI and the CLI draw it. */
export interface Progress {
  phase: string;
  done: number;
  total: number;
}
export type ProgressListener = (p: Progress) => void;
