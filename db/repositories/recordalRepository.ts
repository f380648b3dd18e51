import type { Database } from 'better-sqlite3';
import type { AuthorisedParty, GenuineGoods, Recordal, RecordalDetails } from '../../api/recordal';

interface RecordalRow {
  id: string;
  holder: string | null;
  holder_country: string | null;
  mark_name: string;
  registration_no: string | null;
  nice_classes: string;
  valid_from: string | null;
  valid_to: string | null;
  status: Recordal['status'];
}

const SELECT_RECORDAL = `
  SELECT r.id, h.name AS holder, h.country AS holder_country, r.mark_name, r.registration_no,
         r.nice_classes, r.valid_from, r.valid_to, r.status
  FROM recordals r LEFT JOIN right_holders h ON h.id = r.holder_id`;

function toRecordal(row: RecordalRow): Recordal {
  return {
    id: row.id,
    holder: row.holder ?? '',
    holderCountry: row.holder_country,
    markName: row.mark_name,
    registrationNo: row.registration_no,
    niceClasses: JSON.parse(row.nice_classes) as number[],
    validFrom: row.valid_from,
    validTo: row.valid_to,
    status: row.status,
  };
}

/** Everything about recordals and their holders, parties, goods and infringers. */
export function recordalRepository(db: Database) {
  const upsertHolderStmt = db.prepare(
    `INSERT INTO right_holders (name, country) VALUES (?, ?)
     ON CONFLICT(name) DO UPDATE SET country = coalesce(excluded.country, country)
     RETURNING id`,
  );
  const upsertStmt = db.prepare(
    `INSERT INTO recordals (id, holder_id, mark_name, registration_no, nice_classes, valid_from, valid_to, status, updated_at)
     VALUES (@id, @holderId, @markName, @registrationNo, @niceClasses, @validFrom, @validTo, @status, @now)
     ON CONFLICT(id) DO UPDATE SET holder_id = excluded.holder_id, mark_name = excluded.mark_name,
       registration_no = excluded.registration_no, nice_classes = excluded.nice_classes,
       valid_from = excluded.valid_from, valid_to = excluded.valid_to, status = excluded.status,
       updated_at = excluded.updated_at`,
  );
  const getStmt = db.prepare(`${SELECT_RECORDAL} WHERE r.id = ?`);

  return {
    upsert(rec: Recordal): void {
      const { id: holderId } = upsertHolderStmt.get(rec.holder, rec.holderCountry) as { id: number };
      upsertStmt.run({
        id: rec.id,
        holderId,
        markName: rec.markName,
        registrationNo: rec.registrationNo,
        niceClasses: JSON.stringify(rec.niceClasses),
        validFrom: rec.validFrom,
        validTo: rec.validTo,
        status: rec.status,
        now: new Date().toISOString(),
      });
    },

    /** Replaces the recordal's parties, goods and infringers with exactly the given ones. */
    replaceDetails(
      recordalId: string,
      details: { parties: AuthorisedParty[]; genuineGoods: GenuineGoods | null; knownInfringers: string[] },
    ): void {
      db.prepare('DELETE FROM authorised_parties WHERE recordal_id = ?').run(recordalId);
      const party = db.prepare('INSERT OR IGNORE INTO authorised_parties (recordal_id, role, name) VALUES (?, ?, ?)');
      for (const p of details.parties) party.run(recordalId, p.role, p.name);

      db.prepare('DELETE FROM genuine_goods WHERE recordal_id = ?').run(recordalId);
      const g = details.genuineGoods;
      if (g) {
        db.prepare('INSERT INTO genuine_goods (recordal_id, origin, ports, usual_price, features) VALUES (?, ?, ?, ?, ?)')
          .run(recordalId, g.origin, g.ports, g.usualPrice, g.features);
      }

      db.prepare('DELETE FROM known_infringers WHERE recordal_id = ?').run(recordalId);
      const inf = db.prepare('INSERT OR IGNORE INTO known_infringers (recordal_id, name) VALUES (?, ?)');
      for (const name of details.knownInfringers) inf.run(recordalId, name);
    },

    get(id: string): Recordal | undefined {
      const row = getStmt.get(id) as RecordalRow | undefined;
      return row && toRecordal(row);
    },

    details(id: string): RecordalDetails | undefined {
      const rec = this.get(id);
      if (!rec) return undefined;
      const parties = db
        .prepare('SELECT role, name FROM authorised_parties WHERE recordal_id = ? ORDER BY role, name')
        .all(id) as AuthorisedParty[];
      const goods = db
        .prepare('SELECT origin, ports, usual_price AS usualPrice, features FROM genuine_goods WHERE recordal_id = ?')
        .get(id) as GenuineGoods | undefined;
      const infringers = db
        .prepare('SELECT name FROM known_infringers WHERE recordal_id = ? ORDER BY name')
        .pluck()
        .all(id) as string[];
      const markIds = db.prepare('SELECT id FROM marks WHERE recordal_id = ? ORDER BY id').pluck().all(id) as string[];
      return { ...rec, parties, genuineGoods: goods ?? null, knownInfringers: infringers, markIds };
    },

    count(): number {
      return db.prepare('SELECT count(*) FROM recordals').pluck().get() as number;
    },
  };
}
export type RecordalRepository = ReturnType<typeof recordalRepository>;
