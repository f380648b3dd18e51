import { describe, expect, it } from 'vitest';
import { openDatabase } from '../openDatabase';
import { decisionRepository } from './decisionRepository';
import { metaRepository } from './metaRepository';
import { queryHistoryRepository } from './queryHistoryRepository';

describe('query history and decisions (migration 0030)', () => {
  it('keeps the latest decision per mark in force and the whole trail', () => {
    const db = openDatabase(':memory:');
    const queries = queryHistoryRepository(db);
    const decisions = decisionRepository(db);
    const qid = queries.insert({
      createdAt: '2025-01-01T00:00:00Z',
      photoSha256: 'ab',
      photoThumbnail: Buffer.from([1, 2]),
      fileName: 'p.jpg',
      options: '{}',
      result: '{"results":[]}',
    });
    decisions.record({ queryId: qid, markId: 'nike', recordalId: 'T1', decision: 'needs_confirmation', note: null });
    decisions.record({ queryId: qid, markId: 'nike', recordalId: 'T1', decision: 'suspected_infringement', note: 'label sewn badly' });
    decisions.record({ queryId: qid, markId: 'puma', recordalId: null, decision: 'not_infringing', note: null });

    expect(decisions.currentForQuery(qid).map((d) => [d.markId, d.decision])).toEqual([
      ['nike', 'suspected_infringement'],
      ['puma', 'not_infringing'],
    ]);
    expect(decisions.trailForQuery(qid)).toHaveLength(3);
    expect(queries.recent(10)[0]).toMatchObject({ id: qid, fileName: 'p.jpg', decisions: 2 });
    expect(queries.thumbnail(qid)).toEqual(Buffer.from([1, 2]));
  });

  it('rejects a decision outside the three allowed', () => {
    const db = openDatabase(':memory:');
    const qid = queryHistoryRepository(db).insert({
      createdAt: 'x', photoSha256: 'a', photoThumbnail: null, fileName: null, options: '{}', result: '{}',
    });
    expect(() =>
      decisionRepository(db).record({ queryId: qid, markId: 'm', recordalId: null, decision: 'maybe' as never, note: null }),
    ).toThrow(/CHECK/);
  });

  it('stores settings as JSON in meta', () => {
    const meta = metaRepository(openDatabase(':memory:'));
    expect(meta.get('settings')).toBeUndefined();
    meta.put('settings', { language: 'zh-CN' });
    expect(meta.get('settings')).toEqual({ language: 'zh-CN' });
  });
});
