import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/tempDir';
import { buildTestDb, makePhoto } from '../../test/e2e/fixtures/buildTestDb';
import { openEngine, type Engine } from '../engine';
import { createHandlers } from './createHandlers';
import { invokeHandler } from './invokeHandler';
import type { Handlers } from '../../api/handlers';

describe('handlers on a real engine and database', () => {
  const dir = tempDir();
  let engine: Engine;
  let handlers: Handlers;
  let photo: string;

  beforeAll(async () => {
    const { dbPath, logo } = await buildTestDb(dir);
    photo = (await makePhoto(logo('nike'), join(dir, 'photo.jpg'))).path;
    engine = await openEngine({ dbPath });
    handlers = createHandlers({ engine, dbPath });
  });
  afterAll(() => engine?.close());

  it('answers a photo query, stores it, and keeps a decision', async () => {
    const stats = await handlers['db-stats']();
    expect(stats).toMatchObject({ recordals: 12, marks: 12, indexed: 12 });
    expect(stats.model).not.toBeNull();

    const view = await handlers['query-photo']({ photoBase64: readFileSync(photo).toString('base64'), fileName: 'photo.jpg', top: 5 });
    expect(view.results).toHaveLength(5);
    expect(view.results[0]).toMatchObject({ rank: 1 });
    expect(view.results[0].niceClasses.length).toBeGreaterThan(0);

    const first = view.results[0];
    await handlers['decision-record']({ queryId: view.queryId, markId: first.markId, decision: 'needs_confirmation' });
    const again = await handlers['query-get']({ queryId: view.queryId });
    expect(again.results[0].decision).toBe('needs_confirmation');
    expect((await handlers['history-list']({}))[0]).toMatchObject({ queryId: view.queryId, decisions: 1, fileName: 'photo.jpg' });
    expect(Buffer.from((await handlers['query-photo-image']({ queryId: view.queryId })).jpegBase64, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await handlers['mark-image']({ markId: 'nike', size: 64 })).pngBase64.length).toBeGreaterThan(100);
  });

  it('filters by Nice class and holder', async () => {
    const photoBase64 = readFileSync(photo).toString('base64');
    const view = await handlers['query-photo']({ photoBase64, filters: { niceClass: 9 } });
    expect(view.results.map((m) => m.markId)).toEqual(['apple']);
    const byHolder = await handlers['query-photo']({ photoBase64, filters: { holder: 'puma' } });
    expect(byHolder.results.map((m) => m.holder)).toEqual(['PUMA SE']);
  });

  it('returns errors as data: a bad file, an unknown handler, a bad setting', async () => {
    const bad = await invokeHandler(handlers, 'query-photo', { photoBase64: Buffer.from('not an image').toString('base64') });
    expect(bad).toMatchObject({ ok: false, error: { name: 'ImageUnreadableError', code: 'IMAGE_UNREADABLE' } });
    expect(await invokeHandler(handlers, 'drop-tables', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_HANDLER' } });
    expect(await invokeHandler(handlers, 'settings-set', { top: 1000 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await invokeHandler(handlers, 'settings-set', { language: 'zh-CN' })).toMatchObject({ ok: true, value: { language: 'zh-CN' } });
    expect(await invokeHandler(handlers, 'recordal-get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // the flag's context and the crop are checked as the CLI checks them; nothing else rides along into the options
    const photoBase64 = readFileSync(photo).toString('base64');
    for (const [request, message] of [
      [{ context: { date: '2026-02-31' } }, /date must be a real YYYY-MM-DD date/],
      [{ context: { niceClass: 99 } }, /Nice class must be 1\.\.45/],
      [{ crop: [0, 0, -5, 10] }, /crop must be \[x, y, width, height\]/],
    ] as const) {
      expect(await invokeHandler(handlers, 'query-photo', { photoBase64, ...request })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(message) } });
    }
    const smuggled = await invokeHandler(handlers, 'query-photo', { photoBase64, top: 2, context: { top: 50, verify: false } });
    expect(smuggled).toMatchObject({ ok: true, value: { results: [expect.objectContaining({ probability: expect.any(Number) }), expect.anything()] } });
  });
});
