/**
 * WCAG 2.x colour contrast, for the console's own theme and for colours customers choose.
 * Colours are `#rrggbb` (or `#rgb`); a translucent colour is first laid over what is under it.
 */

/** AA for body text; large text (24px, or 18.66px bold) and UI parts need only 3:1. */
export const AA_TEXT = 4.5;
export const AA_LARGE_TEXT = 3;

interface Rgb {
  r: number;
  g: number;
  b: number;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

export function parseHex(color: string): Rgb {
  const hex = HEX.exec(color.trim())?.[1];
  if (hex === undefined) throw new Error(`Not a #rrggbb colour: ${color}`);
  const digits = hex.length === 3 ? [...hex].map((d) => d + d).join('') : hex;
  return {
    r: parseInt(digits.slice(0, 2), 16),
    g: parseInt(digits.slice(2, 4), 16),
    b: parseInt(digits.slice(4, 6), 16),
  };
}

export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance as WCAG defines it (sRGB, linearised). */
export function luminance(color: string): number {
  const { r, g, b } = parseHex(color);
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** From 1 (same colour) to 21 (black on white); the order of the two does not matter. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** `color` at `weight` (0..1) mixed into `base`: also what `color` at that opacity looks like over `base`. */
export function mix(base: string, color: string, weight: number): string {
  const from = parseHex(base);
  const to = parseHex(color);
  const at = (a: number, b: number) => a + (b - a) * weight;
  return toHex({ r: at(from.r, to.r), g: at(from.g, to.g), b: at(from.b, to.b) });
}

/** Black or white, whichever reads better on `background` (at least 4.58:1 on any colour). */
export function inkOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** The lowest contrast `color` has on any of `backgrounds`. */
export function worstContrast(color: string, backgrounds: readonly string[]): number {
  return Math.min(...backgrounds.map((background) => contrastRatio(color, background)));
}

/**
 * The first colour along a path of stops (e.g. a palette from its mid shade to its darkest, then
 * black) that reads at `min` on every background, in tenth-of-a-step increments: the colour stays as
 * close to the designer's shade as the contrast allows. Null if even the last stop does not.
 */
export function firstReadable(
  stops: readonly string[],
  backgrounds: readonly string[],
  min: number,
): string | null {
  const candidates = stops.flatMap((stop, i) => {
    const next = stops[i + 1];
    if (next === undefined) return [stop];
    return Array.from({ length: 10 }, (_, step) => mix(stop, next, step / 10));
  });
  return candidates.find((candidate) => worstContrast(candidate, backgrounds) >= min) ?? null;
}
