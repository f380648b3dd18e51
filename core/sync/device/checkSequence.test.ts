import { describe, expect, it } from 'vitest';
import { checkSequence } from './checkSequence';

const at = (sequence: number, manifestSha256 = 'x') => ({ sequence, manifestSha256 });

describe('checkSequence', () => {
  it('applies the next delta and any newer snapshot', () => {
    expect(checkSequence({ sequence: 5, baseSequence: 4 }, 'y', at(4))).toBe('apply');
    expect(checkSequence({ sequence: 9, baseSequence: null }, 'y', at(4))).toBe('apply');
    expect(checkSequence({ sequence: 1, baseSequence: null }, 'y', undefined)).toBe('apply');
  });

  it('treats the very same package again as already applied', () => {
    expect(checkSequence({ sequence: 4, baseSequence: 3 }, 'x', at(4, 'x'))).toBe('already-applied');
  });

  it('refuses replays, gaps and deltas on an empty device', () => {
    expect(() => checkSequence({ sequence: 4, baseSequence: 3 }, 'other', at(4, 'x'))).toThrow(/replay/);
    expect(() => checkSequence({ sequence: 3, baseSequence: null }, 'y', at(4))).toThrow(/replay/);
    expect(() => checkSequence({ sequence: 7, baseSequence: 6 }, 'y', at(4))).toThrow(/builds on 6, but this device is at 4/);
    expect(() => checkSequence({ sequence: 2, baseSequence: 1 }, 'y', undefined)).toThrow(/apply a snapshot first/);
  });
});
