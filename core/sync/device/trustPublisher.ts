import type { Database } from '../../../db';
import { syncStateRepository } from '../../../db/repositories/syncStateRepository';
import type { SyncStatus } from '../../../api/sync';
import { MarkSightError } from '../../../api/errors';
import { keyIdOf, loadPublicKey } from '../publisherKey';

/**
 * Pins the publisher's public key in this database: from now on only packages it signed apply.
 * Replacing a pinned key is a deliberate act (key rotation), so it needs `replace`.
 */
export function trustPublisher(db: Database, publicKeyPem: string, options: { replace?: boolean } = {}): { keyId: string; replaced: string | null } {
  const key = loadPublicKey(publicKeyPem);
  const keyId = keyIdOf(key);
  const state = syncStateRepository(db);
  const current = state.trustedKey();
  if (current && current.keyId !== keyId && !options.replace) {
    throw new MarkSightError('KEY_ALREADY_TRUSTED', `this database already trusts publisher key ${current.keyId}; pass --replace to trust ${keyId} instead`);
  }
  const pem = key.export({ type: 'spki', format: 'pem' }).toString();
  state.pinKey({ keyId, publicKeyPem: pem });
  return { keyId, replaced: current && current.keyId !== keyId ? current.keyId : null };
}

export function syncStatus(db: Database): SyncStatus {
  const state = syncStateRepository(db);
  const last = state.lastApplied();
  return { trustedKeyId: state.trustedKey()?.keyId ?? null, appliedSequence: last?.sequence ?? null, appliedAt: last?.appliedAt ?? null };
}
