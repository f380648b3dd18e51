import { describe, expect, it } from 'vitest';
import { bestLineMatch, romanise, textSimilarity } from './textSimilarity';

describe('textSimilarity', () => {
  it('scores Latin look-alikes high and unrelated words low', () => {
    expect(textSimilarity('Adibas', 'Adidas').score).toBeGreaterThanOrEqual(0.9);
    expect(textSimilarity('ADIDAS', 'adidas').score).toBe(1);
    expect(textSimilarity('Nlke', 'Nike').score).toBeGreaterThanOrEqual(0.85);
    expect(textSimilarity('Pumа', 'Puma').score).toBeGreaterThan(0.7); // Cyrillic а
    expect(textSimilarity('Café', 'CAFE').score).toBe(1);
    expect(textSimilarity('Reebok', 'Adidas').score).toBeLessThan(0.4);
    expect(textSimilarity('Microsoft', 'Starbucks').score).toBeLessThan(0.4);
  });

  it('scores Chinese homophones and one-character swaps high, unrelated names low', () => {
    expect(textSimilarity('耐客', '耐克').score).toBeGreaterThanOrEqual(0.9);
    expect(textSimilarity('耐克', '耐克').score).toBe(1);
    expect(textSimilarity('李宁', '李寧').score).toBeGreaterThan(0.8);
    expect(textSimilarity('华为', '耐克').score).toBeLessThan(0.4);
    expect(textSimilarity('小米', '苹果').score).toBeLessThan(0.4);
  });

  it('compares across scripts through pinyin', () => {
    expect(romanise('耐克')).toBe('naike');
    expect(textSimilarity('NAIKE', '耐克').score).toBeGreaterThan(0.8);
    expect(textSimilarity('LINING', '李宁').score).toBeGreaterThan(0.8);
  });

  it('finds a name inside a longer printed line', () => {
    expect(textSimilarity('STARBUCKS COFFEE', 'Starbucks').score).toBeGreaterThanOrEqual(0.9);
    expect(textSimilarity('正品耐克运动鞋', '耐克').score).toBeGreaterThanOrEqual(0.9);
    expect(textSimilarity('正品耐客运动鞋', '耐克').score).toBeGreaterThanOrEqual(0.85);
    expect(textSimilarity('正品华为手机', '耐克').score).toBeLessThan(0.5);
    expect(textSimilarity('XBOX', 'X').score).toBeLessThan(0.5); // short names must match whole
    expect(textSimilarity('incepton', 'Inception Labs').score).toBeGreaterThan(0.6);
    expect(textSimilarity('labs', 'Inception Labs').score).toBeLessThan(0.75);
  });

  it('counts a Latin name found as whole words, not one found inside another word', () => {
    expect(textSimilarity('EXPOSED: FAKE ADIDAS JACKETS!', 'adidas').score).toBeGreaterThanOrEqual(0.9);
    expect(textSimilarity('Coca-Cola Zero', 'CocaCola').score).toBeGreaterThanOrEqual(0.9);
    expect(textSimilarity('FedEx Express', 'FedEx').score).toBeGreaterThanOrEqual(0.9);
    expect(textSimilarity('EXPOSED: FAKE ADIDAS JACKETS!', 'Expo').score).toBeLessThan(0.8);
    expect(textSimilarity('FedEx Freight', 'Eight').score).toBeLessThan(0.8);
    expect(textSimilarity('AUDIO&VIDEO TAPE', 'Audi').score).toBeLessThan(0.8);
    // look-alike letters still count inside whole words
    expect(textSimilarity('GENUINE ADIBAS SHOES', 'Adidas').score).toBeGreaterThanOrEqual(0.85);
  });

  it('takes the best of several lines', () => {
    const m = bestLineMatch(['MADE IN CHINA', 'adibas', '42'], 'Adidas');
    expect(m.line).toBe('adibas');
    expect(m.score).toBeGreaterThan(0.85);
    expect(bestLineMatch([], 'Adidas').score).toBe(0);
  });
});
