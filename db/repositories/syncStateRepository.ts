import type { Database } from 'better-sqlite3';

export interface TrustedKey {
  keyId: string;
  publicKeyPem: string;
}

export interface PackageRecord {
  sequence: number;
  baseSequence: number | null;
  manifestSha256: string;
  publisherKeyId: string;
  createdAt: string;
  operations: number;
}

export type PublishedItemKind = 'recordal' | 'mark' | 'image';

export interface PublishedItem {
  kind: PublishedItemKind;
  id: string;
  contentHash: string;
  partiesHash: string | null;
}

/** Meta key the stats handler reads to show when the device last synced (ISO time, JSON). */
export const LAST_SYNC_META_KEY = 'sync.last_applied_at';

const PACKAGE_COLUMNS = `sequence, base_sequence AS baseSequence, manifest_sha256 AS manifestSha256,
  publisher_key_id AS publisherKeyId, created_at AS createdAt, operations`;

/** The sync tables of migration 0040: trusted key, applied packages (device), published state (publisher). */
export function syncStateRepository(db: Database) {
  return {
    schemaVersion(): number {
      return db.pragma('user_version', { simple: true }) as number;
    },

    trustedKey(): TrustedKey | undefined {
      return db
        .prepare('SELECT key_id AS keyId, public_key_pem AS publicKeyPem FROM sync_trusted_key WHERE id = 1')
        .get() as TrustedKey | undefined;
    },

    pinKey(key: TrustedKey): void {
      db.prepare(
        `INSERT INTO sync_trusted_key (id, key_id, public_key_pem, pinned_at) VALUES (1, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET key_id = excluded.key_id, public_key_pem = excluded.public_key_pem, pinned_at = excluded.pinned_at`,
      ).run(key.keyId, key.publicKeyPem, new Date().toISOString());
    },

    /** The highest applied sequence, or null for a device that never applied a package. */
    lastApplied(): (PackageRecord & { appliedAt: string }) | undefined {
      return db
        .prepare(`SELECT ${PACKAGE_COLUMNS}, applied_at AS appliedAt FROM sync_applied_packages ORDER BY sequence DESC LIMIT 1`)
        .get() as (PackageRecord & { appliedAt: string }) | undefined;
    },

    recordApplied(p: PackageRecord): void {
      const now = new Date().toISOString();
      db.prepare(
        `INSERT INTO sync_applied_packages (sequence, base_sequence, manifest_sha256, publisher_key_id, created_at, applied_at, operations)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(p.sequence, p.baseSequence, p.manifestSha256, p.publisherKeyId, p.createdAt, now, p.operations);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
        LAST_SYNC_META_KEY,
        JSON.stringify(now),
      );
    },

    lastPublished(): PackageRecord | undefined {
      return db.prepare(`SELECT ${PACKAGE_COLUMNS} FROM sync_published_packages ORDER BY sequence DESC LIMIT 1`).get() as
        | PackageRecord
        | undefined;
    },

    recordPublished(p: PackageRecord): void {
      db.prepare(
        `INSERT INTO sync_published_packages (sequence, base_sequence, manifest_sha256, publisher_key_id, created_at, operations)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(p.sequence, p.baseSequence, p.manifestSha256, p.publisherKeyId, p.createdAt, p.operations);
    },

    publishedItems(): PublishedItem[] {
      return db
        .prepare('SELECT kind, id, content_hash AS contentHash, parties_hash AS partiesHash FROM sync_published_items')
        .all() as PublishedItem[];
    },

    /** The published state becomes exactly `items`; callers run this in the transaction that records the package. */
    replacePublishedItems(items: Iterable<PublishedItem>): void {
      db.prepare('DELETE FROM sync_published_items').run();
      const put = db.prepare('INSERT INTO sync_published_items (kind, id, content_hash, parties_hash) VALUES (?, ?, ?, ?)');
      for (const i of items) put.run(i.kind, i.id, i.contentHash, i.partiesHash);
    },
  };
}
export type SyncStateRepository = ReturnType<typeof syncStateRepository>;
