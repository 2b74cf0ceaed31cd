import type { MantineColorsTuple } from '@mantine/core';
import { AA_TEXT, firstReadable, inkOn, mix } from '../../shared/contrast';

/**
 * Mantine's stock text shades are tuned for looks, not contrast: its dimmed grey is 3.3:1 on white,
 * an orange badge 2.3:1. This derives, per colour scheme, the colours the console writes text in
 * so every one reads at WCAG AA on every surface it sits on, staying as close to Mantine's own
 * shade as the contrast allows (the tests check the result, so a palette change can't regress it).
 */

export type Scheme = 'light' | 'dark';
export type Palette = MantineColorsTuple;
/** Every palette by name; the neutral ones frame the surfaces. */
export type Palettes = Record<string, Palette> & { gray: Palette; dark: Palette };

function shade(palette: Palette, index: number): string {
  const color = palette[index];
  if (color === undefined) throw new Error(`A palette has no shade ${index}`);
  return color;
}

/** Aim a little above 4.5:1: browsers round blended colours, and axe measures what they paint. */
export const TEXT_TARGET = AA_TEXT + 0.1;

/** Where text sits: the body and cards, the main area's tint, and inputs or table headers. */
export function surfaces(colors: Palettes, scheme: Scheme): string[] {
  return scheme === 'light'
    ? ['#ffffff', colors.gray[0], colors.gray[1]]
    : [colors.dark[8], colors.dark[7], colors.dark[6]];
}

/** Mantine's primary shade per scheme, which picks each colour's filled and light shades. */
export const PRIMARY_SHADE = { light: 6, dark: 5 } as const;

interface Tint {
  shade: string;
  opacity: number;
}

/**
 * The translucent backgrounds Mantine lays a colour's text on: the `light` variant at rest and
 * hovered (also the `subtle` variant's hover), and the `outline` variant's hover.
 */
export function tintsOf(palette: Palette, scheme: Scheme): { light: Tint[]; outline: Tint[] } {
  if (scheme === 'light') {
    const base = shade(palette, PRIMARY_SHADE.light);
    return {
      light: [
        { shade: base, opacity: 0.1 },
        { shade: base, opacity: 0.12 },
      ],
      outline: [{ shade: base, opacity: 0.05 }],
    };
  }
  const base = shade(palette, Math.max(0, PRIMARY_SHADE.dark - 2));
  return {
    light: [
      { shade: base, opacity: 0.15 },
      { shade: base, opacity: 0.2 },
    ],
    outline: [{ shade: shade(palette, Math.max(0, PRIMARY_SHADE.dark - 4)), opacity: 0.05 }],
  };
}

function tinted(bases: string[], tints: Tint[]): string[] {
  return [...bases, ...bases.flatMap((base) => tints.map((tint) => mix(base, tint.shade, tint.opacity)))];
}

/** From a palette shade towards more contrast: darker on light surfaces, lighter on dark ones. */
function pathFrom(palette: Palette, from: number, scheme: Scheme): string[] {
  return scheme === 'light'
    ? [...palette.slice(from), '#000000']
    : [...palette.slice(0, from + 1).reverse(), '#ffffff'];
}

function readable(path: string[], backgrounds: string[]): string {
  // The path ends at black or white, which always reach 4.6:1 on the console's surfaces.
  const found = firstReadable(path, backgrounds, TEXT_TARGET);
  if (!found) throw new Error(`No readable colour from ${path[0]} on ${backgrounds.join(', ')}`);
  return found;
}

export interface ReadableColor {
  /** `c="red"` and the outline variant: on the plain surfaces, and the outline's hover. */
  text: string;
  /** Light and subtle variants (badges, alerts, the active nav link): on the colour's own tint. */
  lightColor: string;
  /** Filled variant: a fill that carries white text if one of the darker shades can, else black text. */
  filled: string;
  filledHover: string;
  onFilled: string;
  /** The white variant, whose background is white in either scheme. */
  onWhite: string;
}

export function readableColor(palette: Palette, scheme: Scheme, bases: string[]): ReadableColor {
  // Mantine's own text shades: 6 on light; on dark, 4 for text and 0 on the tint.
  const textShade = scheme === 'light' ? PRIMARY_SHADE.light : 4;
  const lightShade = scheme === 'light' ? PRIMARY_SHADE.light : 0;
  const tints = tintsOf(palette, scheme);

  const fillShades = palette.slice(PRIMARY_SHADE[scheme]);
  const whiteFill = firstReadable(fillShades, ['#ffffff'], TEXT_TARGET);
  const filled = whiteFill ?? shade(palette, PRIMARY_SHADE[scheme]);
  const onFilled = whiteFill ? '#ffffff' : inkOn(filled);
  return {
    text: readable(pathFrom(palette, textShade, scheme), tinted(bases, tints.outline)),
    lightColor: readable(pathFrom(palette, lightShade, scheme), tinted(bases, tints.light)),
    filled,
    // Hovering moves the fill away from its text colour, so contrast only grows.
    filledHover: mix(filled, onFilled === '#ffffff' ? '#000000' : '#ffffff', 0.12),
    onFilled,
    onWhite: readable(pathFrom(palette, PRIMARY_SHADE.light, 'light'), ['#ffffff', '#fcfcfc']),
  };
}

/** Secondary text (`c="dimmed"`) and placeholders: the scheme's grey, only as much darker as it must be. */
export function readableDimmed(colors: Palettes, scheme: Scheme): string {
  const path = scheme === 'light' ? pathFrom(colors.gray, 6, 'light') : pathFrom(colors.dark, 2, 'dark');
  return readable(path, surfaces(colors, scheme));
}
