import { describe, expect, it } from 'vitest';
import { isSafePackagePath } from './packagePath';

describe('isSafePackagePath', () => {
  it.each(['manifest.json', 'embeddings.bin', `images/${'a'.repeat(64)}.svg`, 'a/b/c.png'])('accepts %s', (p) => {
    expect(isSafePackagePath(p)).toBe(true);
  });
  it.each([
    '', '../x.png', 'images/../../x.png', '/etc/passwd', 'images//x.png', './x.png', 'images/./x.png', 'images\\x.png',
    'C:/x.png', '.hidden', 'images/', 'a/../b', 'x'.repeat(300), 'images/x y.png', 'images/\u0000.png',
  ])('refuses %j', (p) => {
    expect(isSafePackagePath(p)).toBe(false);
  });
});
