import type { LocalFeatures } from './localFeatures';
import type { Verification } from './verifyShortlist';

/** Messages to the verification thread: a photo's features are begun once, then candidates verified in rounds. */
export type ToVerifierThread =
  | { type: 'begin'; photo: number; dbPath: string; width: number; height: number; pixels: ArrayBuffer }
  | { type: 'verify'; photo: number; request: number; shas: string[] }
  | { type: 'end'; photo: number }
  /** a recorded mark's features for the index, from its stored bytes (decoding and extracting them is what makes indexing slow) */
  | { type: 'markFeatures'; request: number; bytes: ArrayBuffer; decodeSide?: number }
  | { type: 'close' };

export type FromVerifierThread =
  | { type: 'verified'; request: number; results: [string, Verification][]; extractMs: number }
  /** `features` null: the image could not be decoded or described (`reason`), an answer about the image, not a thread failure */
  | { type: 'markFeatures'; request: number; features: LocalFeatures | null; reason?: string }
  | { type: 'failed'; request: number; reason: string }
  /** the photo's features once extracted (null: extraction failed), so the query's thread can check candidates too */
  | { type: 'features'; photo: number; features: LocalFeatures | null };
