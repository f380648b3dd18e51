import { describe, expect, it } from 'vitest';
import { EMBEDDINGS_FILE, embeddingRegions, LOCAL_FEATURES_FILE, manifestSchema, PACKAGE_LIMITS, type PackageManifest } from './packageManifest';

const sha = (c: string) => c.repeat(64);
const base: PackageManifest = {
  format: 'marksight-sync',
  formatVersion: 1,
  sequence: 3,
  baseSequence: 2,
  createdAt: '2026-01-02T03:04:05.000Z',
  publisherKeyId: '0123456789abcdef',
  minSchemaVersion: 40,
  operations: [
    { op: 'deleteRecordal', recordalId: 'R1' },
    { op: 'addImage', recordalId: null, mark: { id: 'm1', imageSha256: sha('a'), kind: 'device', sourcePath: null } },
  ],
  files: [{ path: `images/${sha('a')}.svg`, sha256: sha('a'), size: 10 }],
};
const issues = (m: unknown) => {
  const r = manifestSchema.safeParse(m);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('manifestSchema', () => {
  it('accepts a well-formed delta and a snapshot', () => {
    expect(issues(base)).toEqual([]);
    expect(issues({ ...base, baseSequence: null })).toEqual([]);
  });

  it('refuses a delta that skips a sequence', () => {
    expect(issues({ ...base, sequence: 5 })).toContain('sequence 5 does not follow its base sequence 2');
  });

  it('refuses unknown fields and unknown operations', () => {
    expect(issues({ ...base, extra: 1 }).length).toBeGreaterThan(0);
    expect(issues({ ...base, operations: [{ op: 'dropTable', name: 'recordals' }] }).length).toBeGreaterThan(0);
  });

  it('refuses files that are not images/<sha>.<ext> named for their own hash, or listed twice', () => {
    expect(issues({ ...base, files: [{ path: 'notes.txt', sha256: sha('a'), size: 1 }] })[0]).toMatch(/neither images/);
    expect(issues({ ...base, files: [{ path: `images/${sha('b')}.svg`, sha256: sha('a'), size: 1 }] })[0]).toMatch(/another sha256/);
    expect(issues({ ...base, files: [base.files[0], base.files[0]] })[0]).toMatch(/listed twice/);
  });

  it('refuses files over the limits', () => {
    const big = { ...base.files[0], size: PACKAGE_LIMITS.imageBytes + 1 };
    expect(issues({ ...base, files: [big] })[0]).toMatch(/over the .* image limit/);
  });

  it('needs modelId, the embeddings entry and embeddings.bin together', () => {
    const embeddings = { path: EMBEDDINGS_FILE, modelName: 'm', dim: 4, count: 1 };
    const file = { path: EMBEDDINGS_FILE, sha256: sha('c'), size: 48 };
    expect(issues({ ...base, modelId: sha('d'), embeddings, files: [...base.files, file] })).toEqual([]);
    expect(issues({ ...base, embeddings, files: [...base.files, file] })).toContain('modelId and embeddings go together');
    expect(issues({ ...base, modelId: sha('d'), embeddings })).toContain(`the embeddings entry needs ${EMBEDDINGS_FILE} in files`);
  });

  it('accepts view sections only when they add up, start with full and name each view once', () => {
    const file = { path: EMBEDDINGS_FILE, sha256: sha('c'), size: 3 * 48 };
    const withViews = (views: { region: string; count: number }[]) =>
      issues({ ...base, modelId: sha('d'), embeddings: { path: EMBEDDINGS_FILE, modelName: 'm', dim: 4, count: 3, views }, files: [...base.files, file] });
    expect(withViews([{ region: 'full', count: 2 }, { region: 'grey', count: 1 }])).toEqual([]);
    expect(withViews([{ region: 'full', count: 2 }, { region: 'grey', count: 2 }])).toContain('the embeddings views do not add up to count');
    expect(withViews([{ region: 'grey', count: 1 }, { region: 'full', count: 2 }])).toContain("the first embeddings view must be 'full'");
    expect(withViews([{ region: 'full', count: 2 }, { region: 'full', count: 1 }])).toContain('an embeddings view is listed twice');
    expect(embeddingRegions({ path: EMBEDDINGS_FILE, modelName: 'm', dim: 4, count: 3, views: [{ region: 'full', count: 2 }, { region: 'grey', count: 1 }] })).toEqual(['full', 'full', 'grey']);
  });

  it('needs the localFeatures entry and localFeatures.bin together, within its size limit', () => {
    const localFeatures = { path: LOCAL_FEATURES_FILE, extractor: 'orb-test', count: 1 };
    const file = { path: LOCAL_FEATURES_FILE, sha256: sha('e'), size: 1000 };
    expect(issues({ ...base, localFeatures, files: [...base.files, file] })).toEqual([]);
    expect(issues({ ...base, localFeatures })).toContain(`the localFeatures entry needs ${LOCAL_FEATURES_FILE} in files`);
    expect(issues({ ...base, files: [...base.files, file] })).toContain(`${LOCAL_FEATURES_FILE} is listed but the manifest has no localFeatures entry`);
    const big = { ...file, size: PACKAGE_LIMITS.localFeaturesBytes + 1 };
    expect(issues({ ...base, localFeatures, files: [...base.files, big] })[0]).toMatch(/localFeatures\.bin is \d+ bytes, over the \d+ limit/);
    expect(issues({ ...base, localFeatures: { ...localFeatures, extractor: '' }, files: [...base.files, file] }).length).toBeGreaterThan(0);
  });
});
