import { defaultCssVariablesResolver, DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { AA_TEXT, contrastRatio, mix, toHex } from '../../shared/contrast';
import { cssVariablesResolver, theme } from './theme';

const resolvedTheme = mergeMantineTheme(DEFAULT_THEME, theme);
type Scheme = 'light' | 'dark';

/** The variables a page in `scheme` ends up with: Mantine's defaults with the theme's laid over them. */
function variablesOf(scheme: Scheme): Record<string, string> {
  const stock = defaultCssVariablesResolver(resolvedTheme);
  const ours = cssVariablesResolver(resolvedTheme);
  const all = { ...stock.variables, ...ours.variables, ...stock[scheme], ...ours[scheme] };
  return Object.fromEntries(Object.entries(all).map(([name, value]) => [name, String(value)]));
}

/** Follows `var(--…)` to a colour; a translucent `rgba()` is returned with its opacity. */
function colorOf(value: string, variables: Record<string, string>): { hex: string; opacity: number } {
  const reference = /^var\((--[\w-]+)\)$/.exec(value.trim())?.[1];
  if (reference !== undefined) {
    const next = variables[reference];
    if (next === undefined) throw new Error(`${reference} is not defined`);
    return colorOf(next, variables);
  }
  const rgba = /^rgba\((\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\)$/.exec(value.trim());
  if (rgba) {
    const [r, g, b, a] = rgba.slice(1).map(Number) as [number, number, number, number];
    return { hex: toHex({ r, g, b }), opacity: a };
  }
  if (value.trim() === 'transparent') return { hex: '#000000', opacity: 0 };
  return { hex: value.trim(), opacity: 1 };
}

/** What text and background look like once painted over `surface`. */
function painted(color: string, variables: Record<string, string>, surface: string): string {
  const { hex, opacity } = colorOf(color, variables);
  return mix(surface, hex, opacity);
}

/** Where the console puts text: the body and cards, the main area's tint, inputs and headers. */
const SURFACES: Record<Scheme, string[]> = {
  light: ['var(--mantine-color-body)', 'var(--mantine-color-gray-0)', 'var(--mantine-color-gray-1)'],
  dark: ['var(--mantine-color-body)', 'var(--mantine-color-dark-8)', 'var(--mantine-color-default)'],
};

interface Pair {
  what: string;
  text: string;
  background: string;
}

function ratios(scheme: Scheme, pairs: Pair[]) {
  const variables = variablesOf(scheme);
  return pairs.flatMap((pair) =>
    SURFACES[scheme].map((surface) => {
      const base = painted(surface, variables, '#ffffff');
      const background = painted(pair.background, variables, base);
      const text = painted(pair.text, variables, background);
      const ratio = contrastRatio(text, background);
      return { what: `${pair.what} on ${surface}`, text, background, ratio: Math.round(ratio * 100) / 100 };
    }),
  );
}

const BACKGROUNDLESS = 'transparent';
const VARIANTS = ['filled', 'light', 'outline', 'subtle', 'transparent', 'white', 'default'] as const;

/** Every colour in every variant Mantine's components draw, as the theme's resolver colours it. */
function variantPairs(): Pair[] {
  return Object.keys(resolvedTheme.colors).flatMap((color) =>
    VARIANTS.flatMap((variant) => {
      const resolved = resolvedTheme.variantColorResolver({ color, theme: resolvedTheme, variant });
      return [
        {
          what: `${color} ${variant}`,
          text: resolved.color ?? 'var(--mantine-color-text)',
          background: resolved.background ?? BACKGROUNDLESS,
        },
        {
          what: `${color} ${variant} (hovered)`,
          text: resolved.color ?? 'var(--mantine-color-text)',
          background: resolved.hover ?? BACKGROUNDLESS,
        },
      ];
    }),
  );
}

/** Text colours set by name (`c="dimmed"`, `c="red"`), links, errors and placeholders. */
function textPairs(): Pair[] {
  const named = ['text', 'bright', 'dimmed', 'placeholder', 'anchor', 'error'].map((name) => ({
    what: name,
    text: `var(--mantine-color-${name})`,
    background: BACKGROUNDLESS,
  }));
  const colored = Object.keys(resolvedTheme.colors).map((color) => ({
    what: `c="${color}"`,
    text: `var(--mantine-color-${color}-text)`,
    background: BACKGROUNDLESS,
  }));
  return [...named, ...colored];
}

describe.each(['light', 'dark'] as const)('the %s scheme', (scheme) => {
  it('writes every named text colour at WCAG AA (4.5:1) on every surface', () => {
    const failing = ratios(scheme, textPairs()).filter((pair) => pair.ratio < AA_TEXT);
    expect(failing).toEqual([]);
  });

  it('gives every colour in every component variant text at WCAG AA, at rest and hovered', () => {
    const failing = ratios(scheme, variantPairs()).filter((pair) => pair.ratio < AA_TEXT);
    expect(failing).toEqual([]);
  });

  it('keeps secondary text visibly quieter than body text', () => {
    const variables = variablesOf(scheme);
    const body = painted('var(--mantine-color-body)', variables, '#ffffff');
    const text = contrastRatio(painted('var(--mantine-color-text)', variables, body), body);
    const dimmed = contrastRatio(painted('var(--mantine-color-dimmed)', variables, body), body);
    expect(dimmed).toBeLessThan(text * 0.75);
  });
});
