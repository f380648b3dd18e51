import type { PackageRecord } from '../../../db/repositories/syncStateRepository';
import type { PackageManifest } from '../packageManifest';
import { SyncRejectedError } from '../SyncRejectedError';

/**
 * Whether a verified package may be applied on a device whose last applied package is `applied`.
 * 'already-applied' is the same package again (a re-run after an interruption), which is harmless;
 * any other older or equal sequence is a replay, and a delta must build on exactly what the device has.
 */
export function checkSequence(
  manifest: Pick<PackageManifest, 'sequence' | 'baseSequence'>,
  manifestSha256: string,
  applied: Pick<PackageRecord, 'sequence' | 'manifestSha256'> | undefined,
): 'apply' | 'already-applied' {
  const at = applied?.sequence ?? null;
  if (at !== null && manifest.sequence === at && applied!.manifestSha256 === manifestSha256) return 'already-applied';
  if (at !== null && manifest.sequence <= at) {
    throw new SyncRejectedError('SEQUENCE', `package ${manifest.sequence} is a replay: this device already applied up to ${at}`);
  }
  if (manifest.baseSequence === null) return 'apply';
  if (at === null) {
    throw new SyncRejectedError('SEQUENCE', `package ${manifest.sequence} is a delta on ${manifest.baseSequence}, but this device has no packages yet: apply a snapshot first`);
  }
  if (manifest.baseSequence !== at) {
    throw new SyncRejectedError(
      'SEQUENCE',
      `package ${manifest.sequence} builds on ${manifest.baseSequence}, but this device is at ${at}: apply the packages in between, or a snapshot`,
    );
  }
  return 'apply';
}
