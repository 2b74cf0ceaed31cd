import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** The brand blurple, light to dark; shade 6 is the primary in light mode, 8 in dark. */
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
  components: {
    Button: { defaultProps: { fw: 550 } },
    Badge: { defaultProps: { radius: 'sm', variant: 'light' } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
  },
});
