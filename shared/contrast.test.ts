import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrastRatio, firstReadable, inkOn, luminance, mix, parseHex, worstContrast } from './contrast';

const hexColor = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(([r, g, b]) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`);

describe('contrastRatio', () => {
  it('matches the WCAG reference points', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    // #767676 is the lightest grey that passes AA on white; Mantine's dimmed #868e96 is the one axe flagged.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
    expect(contrastRatio('#fd7e14', '#fff2e8')).toBeCloseTo(2.33, 1);
  });

  it('is symmetric and between 1 and 21', () => {
    fc.assert(
      fc.property(hexColor, hexColor, (a, b) => {
        const ratio = contrastRatio(a, b);
        expect(ratio).toBe(contrastRatio(b, a));
        expect(ratio).toBeGreaterThanOrEqual(1);
        expect(ratio).toBeLessThanOrEqual(21);
      }),
    );
  });
});

describe('parsing and mixing', () => {
  it('reads short and long hex, and refuses anything else', () => {
    expect(parseHex('#fff')).toEqual({ r: 255, g: 255, b: 255 });
    expect(parseHex('#5153F8')).toEqual({ r: 81, g: 83, b: 248 });
    expect(() => parseHex('rgb(0,0,0)')).toThrow(/rrggbb/);
  });

  it('lays a colour at an opacity over a background', () => {
    expect(mix('#ffffff', '#000000', 0)).toBe('#ffffff');
    expect(mix('#ffffff', '#000000', 1)).toBe('#000000');
    expect(mix('#ffffff', '#fd7e14', 0.1)).toBe('#fff2e8');
  });
});

describe('inkOn', () => {
  it('always finds black or white text that reads at AA', () => {
    fc.assert(
      fc.property(hexColor, (background) => {
        expect(contrastRatio(inkOn(background), background)).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });
});

describe('firstReadable', () => {
  it('keeps a colour that already reads, and darkens one that does not only as far as needed', () => {
    expect(firstReadable(['#495057', '#000000'], ['#ffffff'], 4.5)).toBe('#495057');
    const darkened = firstReadable(['#868e96', '#000000'], ['#ffffff', '#f8f9fa'], 4.5);
    expect(darkened).not.toBeNull();
    expect(worstContrast(darkened ?? '', ['#ffffff', '#f8f9fa'])).toBeGreaterThanOrEqual(4.5);
    expect(luminance(darkened ?? '')).toBeGreaterThan(luminance('#495057'));
  });

  it('says when no colour on the path reads', () => {
    expect(firstReadable(['#eeeeee', '#dddddd'], ['#ffffff'], 4.5)).toBeNull();
  });
});
