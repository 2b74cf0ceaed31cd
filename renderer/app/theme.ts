import {
  createTheme,
  DEFAULT_THEME,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';
import { readableColor, readableDimmed, surfaces, type Palettes, type Scheme } from './readable-colors';

/** The brand blurple, light to dark; shade 6 is the primary in light mode, 5 in dark. */
const brand: MantineColorsTuple = [
  '#eef0ff',
  '#dcdfff',
  '#b7bbfd',
  '#9095fb',
  '#6f73f9',
  '#5b5ef8',
  '#5153f8',
  '#4144dd',
  '#383cc6',
  '#2c33ae',
];

const fontFamily =
  "'Inter Variable', Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Text colours for a colour's filled and white variants, set per scheme by `cssVariablesResolver`. */
export const onFilledVariable = (color: string) => `--app-color-${color}-on-filled`;
export const onWhiteVariable = (color: string) => `--app-color-${color}-on-white`;

/**
 * Filled buttons and badges take their text colour from the scheme's variables (white, or black on
 * fills too light for white); the `white` variant, white in both schemes, in a shade readable on white.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const resolved = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return resolved;
  if (input.variant === 'filled') return { ...resolved, color: `var(${onFilledVariable(parsed.color)})` };
  if (input.variant === 'white') return { ...resolved, color: `var(${onWhiteVariable(parsed.color)})` };
  return resolved;
};

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 6, dark: 5 },
  colors: { brand },
  fontFamily,
  fontFamilyMonospace: "ui-monospace, 'SF Mono', 'JetBrains Mono', Menlo, Consolas, monospace",
  headings: { fontFamily, fontWeight: '650' },
  defaultRadius: 'md',
  fontSmoothing: true,
  cursorType: 'pointer',
  variantColorResolver,
  components: {
    Button: { defaultProps: { fw: 550 } },
    Badge: { defaultProps: { radius: 'sm', variant: 'light' } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
    // Mantine's close button (dialogs, drawers, toasts) is an icon with no name of its own.
    CloseButton: { defaultProps: { 'aria-label': 'Close' } },
  },
});

/** Every text colour of one scheme, each readable at WCAG AA on the surfaces it sits on. */
export function schemeVariables(colors: Palettes, scheme: Scheme): Record<string, string> {
  const bases = surfaces(colors, scheme);
  const variables: Record<string, string> = {};
  for (const [name, palette] of Object.entries(colors)) {
    const readable = readableColor(palette, scheme, bases);
    variables[`--mantine-color-${name}-text`] = readable.text;
    variables[`--mantine-color-${name}-outline`] = readable.text;
    variables[`--mantine-color-${name}-light-color`] = readable.lightColor;
    variables[`--mantine-color-${name}-filled`] = readable.filled;
    variables[`--mantine-color-${name}-filled-hover`] = readable.filledHover;
    variables[onFilledVariable(name)] = readable.onFilled;
    variables[onWhiteVariable(name)] = readable.onWhite;
  }
  const dimmed = readableDimmed(colors, scheme);
  variables['--mantine-color-dimmed'] = dimmed;
  variables['--mantine-color-placeholder'] = dimmed;
  variables['--mantine-color-anchor'] = readableColor(colors.brand ?? brand, scheme, bases).text;
  variables['--mantine-color-error'] = readableColor(
    colors.red ?? DEFAULT_THEME.colors.red,
    scheme,
    bases,
  ).text;
  return variables;
}

/** Mantine's variables with the text colours above laid over them (pass to MantineProvider). */
export const cssVariablesResolver: CSSVariablesResolver = (resolvedTheme) => ({
  variables: {},
  light: schemeVariables(resolvedTheme.colors, 'light'),
  dark: schemeVariables(resolvedTheme.colors, 'dark'),
});

/** The palettes the console runs with: Mantine's, plus the brand. */
export const themeColors: Palettes = { ...DEFAULT_THEME.colors, brand };
