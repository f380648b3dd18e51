import { describe, expect, it } from 'vitest';
import { createRng, hashString } from './prng';

describe('createRng', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(seqA);
    expect(c.next()).not.toBe(seqA[0]);
  });

  it('forks independent, reproducible streams', () => {
    const root = createRng(1);
    expect(root.fork('easy:0').next()).toBe(createRng(1).fork('easy:0').next());
    expect(root.fork('easy:0').next()).not.toBe(root.fork('easy:1').next());
  });

  it('keeps int within its inclusive bounds', () => {
    const r = createRng(7);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(3, 5);
      expect(v >= 3 && v <= 5 && Number.isInteger(v)).toBe(true);
    }
  });

  it('hashes strings stably (FNV-1a)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});
