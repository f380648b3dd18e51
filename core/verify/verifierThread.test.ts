import { describe, expect, it } from 'vitest';
import { unpacked } from './verifierThread';

describe('verification thread script', () => {
  it('starts from app.asar.unpacked inside a packaged app, and from where it is elsewhere', () => {
    const packaged = new URL('file:///opt/MarkSight/resources/app.asar/dist/electron/verifierWorker.mjs');
    expect(unpacked(packaged).href).toBe('file:///opt/MarkSight/resources/app.asar.unpacked/dist/electron/verifierWorker.mjs');
    const source = new URL('file:///work/main/core/verify/verifierWorker.mjs');
    expect(unpacked(source).href).toBe(source.href);
  });
});
