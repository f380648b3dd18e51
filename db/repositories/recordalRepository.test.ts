import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/tempDir';
import { openDatabase } from '../openDatabase';
import { imageRepository } from './imageRepository';
import { markRepository } from './markRepository';
import { recordalRepository } from './recordalRepository';

describe('recordalRepository', () => {
  const db = openDatabase(join(tempDir(), 'r.db'));
  const recordals = recordalRepository(db);
  const base = {
    id: 'T-1',
    holder: 'Holder A',
    holderCountry: 'DE',
    markName: 'ALPHA',
    registrationNo: 'R1',
    niceClasses: [18, 25],
    validFrom: '2020-01-01',
    validTo: '2030-01-01',
    status: 'active' as const,
  };

  it('round-trips a recordal with its parties, goods and infringers', () => {
    recordals.upsert(base);
    recordals.replaceDetails('T-1', {
      parties: [{ role: 'importer', name: 'Imp Ltd' }, { role: 'licensee', name: 'Lic GmbH' }],
      genuineGoods: { origin: 'DE', ports: 'Shanghai', usualPrice: '100 CNY', features: 'stitched label' },
      knownInfringers: ['Fake Co'],
    });
    imageRepository(db).put({ sha256: 'a'.repeat(64), format: 'png', width: 1, height: 1, bytes: Buffer.from([1]) });
    markRepository(db).upsert({ id: 'alpha-1', recordalId: 'T-1', imageSha256: 'a'.repeat(64), kind: 'device', sourcePath: null });
    expect(recordals.details('T-1')).toEqual({
      ...base,
      parties: [{ role: 'importer', name: 'Imp Ltd' }, { role: 'licensee', name: 'Lic GmbH' }],
      genuineGoods: { origin: 'DE', ports: 'Shanghai', usualPrice: '100 CNY', features: 'stitched label' },
      knownInfringers: ['Fake Co'],
      markIds: ['alpha-1'],
    });
  });

  it('updates in place on a second upsert and replaces details exactly', () => {
    recordals.upsert({ ...base, markName: 'ALPHA NEW', status: 'expired' });
    recordals.replaceDetails('T-1', { parties: [], genuineGoods: null, knownInfringers: [] });
    const d = recordals.details('T-1')!;
    expect(d).toMatchObject({ markName: 'ALPHA NEW', status: 'expired', parties: [], genuineGoods: null, knownInfringers: [] });
    expect(recordals.count()).toBe(1);
  });

  it('rejects a status outside the list at the database level', () => {
    expect(() => recordals.upsert({ ...base, id: 'T-2', status: 'bogus' as never })).toThrow(/CHECK constraint/);
  });
});
