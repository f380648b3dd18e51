import { describe, expect, it } from 'vitest';
import { compactName, logosBrandKey, simpleIconsBrandKey } from './brandKey';

describe('brand keys', () => {
  it('compacts names to ASCII alphanumerics', () => {
    expect(compactName('Coca-Cola')).toBe('cocacola');
    expect(compactName('Citroën')).toBe('citroen');
    expect(compactName('Node.js')).toBe('nodejs');
    expect(compactName('AT&T')).toBe('atandt');
  });

  it('strips logos variant suffixes, repeatedly, but keeps product names', () => {
    expect(logosBrandKey('google-icon')).toBe('google');
    expect(logosBrandKey('google')).toBe('google');
    expect(logosBrandKey('nodejs-icon-alt')).toBe('nodejs');
    expect(logosBrandKey('google-cloud')).toBe('googlecloud');
    expect(logosBrandKey('icon')).toBe('icon');
  });

  it('joins simple-icons to logos through slug, title or alias', () => {
    const logos = new Set(['google', 'nodejs', 'googlechrome']);
    expect(simpleIconsBrandKey({ slug: 'google', title: 'Google', otherNames: [] }, logos)).toBe('google');
    expect(simpleIconsBrandKey({ slug: 'nodedotjs', title: 'Node.js', otherNames: [] }, logos)).toBe('nodejs');
    expect(simpleIconsBrandKey({ slug: 'gitea', title: 'Gitea', otherNames: [] }, logos)).toBe('gitea');
  });
});
