import { describe, expect, it } from 'vitest';
import type { AuthorisedParty, Recordal } from '../../api/recordal';
import { decideFlag } from './infringementRules';

const recordal: Recordal & { parties: AuthorisedParty[] } = {
  id: 'T2020-001',
  holder: 'Nike, Inc.',
  holderCountry: 'US',
  markName: 'NIKE',
  registrationNo: '123',
  niceClasses: [18, 25],
  validFrom: '2020-01-01',
  validTo: '2029-12-31',
  status: 'active',
  parties: [
    { role: 'importer', name: 'Shanghai Genuine Trading Co.' },
    { role: 'manufacturer', name: 'Dongguan Shoes Ltd' },
  ],
};
const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);

describe('decideFlag', () => {
  it('flags a probable match of an in-force recordal, class covered, importer not authorised', () => {
    const d = decideFlag(0.97, 0.9, recordal, { date: '2026-06-01', niceClass: 25, importer: 'Cheap Goods LLC' });
    expect(d.likelyInfringement).toBe(true);
    expect(codes(d)).toEqual(['PROBABILITY_HIGH', 'RECORDAL_IN_FORCE', 'CLASS_COVERED', 'IMPORTER_NOT_AUTHORISED']);
  });

  it('does not flag when the probability was calibrated for another embedding model', () => {
    const d = decideFlag(0.97, 0.9, recordal, { date: '2026-06-01', niceClass: 25, importer: 'Cheap Goods LLC', calibrated: false });
    expect(d.likelyInfringement).toBe(false);
    expect(codes(d)[0]).toBe('CALIBRATION_STALE');
  });

  it('does not flag below the threshold', () => {
    const d = decideFlag(0.5, 0.9, recordal, { date: '2026-06-01' });
    expect(d.likelyInfringement).toBe(false);
    expect(d.reasons[0]).toMatchObject({ code: 'PROBABILITY_LOW', passed: false });
  });

  it('does not flag an expired, not yet valid or inactive recordal, and says which', () => {
    expect(codes(decideFlag(0.99, 0.9, recordal, { date: '2030-01-02' }))[0]).toBe('RECORDAL_EXPIRED');
    expect(codes(decideFlag(0.99, 0.9, recordal, { date: '2019-12-31' }))[0]).toBe('RECORDAL_NOT_YET_VALID');
    const revoked = decideFlag(0.99, 0.9, { ...recordal, status: 'revoked' }, { date: '2026-06-01' });
    expect(revoked.likelyInfringement).toBe(false);
    expect(revoked.reasons[0].text).toContain('revoked');
  });

  it('does not flag goods of a class the recordal does not cover', () => {
    const d = decideFlag(0.99, 0.9, recordal, { date: '2026-06-01', niceClass: 9 });
    expect(d.likelyInfringement).toBe(false);
    expect(d.reasons[0]).toMatchObject({ code: 'CLASS_NOT_COVERED', passed: false });
  });

  it('does not flag an authorised importer or exporter (names compared case- and punctuation-blind)', () => {
    const imp = decideFlag(0.99, 0.9, recordal, { date: '2026-06-01', importer: 'shanghai genuine trading co' });
    expect(imp.likelyInfringement).toBe(false);
    expect(imp.reasons[0]).toMatchObject({ code: 'IMPORTER_AUTHORISED', passed: false });
    const exp = decideFlag(0.99, 0.9, recordal, { date: '2026-06-01', exporter: 'Dongguan Shoes Ltd.' });
    expect(exp.reasons[0].code).toBe('EXPORTER_AUTHORISED');
  });

  it('never flags a mark without a recordal', () => {
    const d = decideFlag(0.99, 0.9, null, { date: '2026-06-01' });
    expect(d.likelyInfringement).toBe(false);
    expect(codes(d)).toContain('NO_RECORDAL');
  });
});
