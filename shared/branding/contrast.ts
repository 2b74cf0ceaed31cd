import { AA_LARGE_TEXT, AA_TEXT, contrastRatio, firstReadable, luminance } from '../contrast';

/**
 * The WCAG AA check of a branding's colours (decisions 65 and 74: the shared contrast maths).
 * Each pair is how the colours meet in the branded console header, email and license screen;
 * a failing pair is explained in words with the nearest colour that would pass.
 */

export interface BrandColors {
  primary: string;
  accent: string;
  background: string;
  text: string;
}

export const BRAND_COLOR_NAMES: Record<keyof BrandColors, string> = {
  primary: 'Primary',
  accent: 'Accent',
  background: 'Background',
  text: 'Text',
};

interface Pair {
  foreground: keyof BrandColors;
  background: keyof BrandColors;
  min: number;
  /** Where the two meet and what they need, for the explanation. */
  use: string;
}

/** Body text must read at 4.5:1; buttons, links in headers and accents (UI parts, large text) at 3:1. */
export const CONTRAST_PAIRS: readonly Pair[] = [
  { foreground: 'text', background: 'background', min: AA_TEXT, use: 'body text needs' },
  { foreground: 'primary', background: 'background', min: AA_LARGE_TEXT, use: 'buttons and headings need' },
  { foreground: 'accent', background: 'background', min: AA_LARGE_TEXT, use: 'links and highlights need' },
];

export interface ContrastIssue {
  foreground: keyof BrandColors;
  background: keyof BrandColors;
  ratio: number;
  min: number;
  /** The nearest colour to the foreground that passes, or null when none on the way to black or white does. */
  suggestion: string | null;
  explanation: string;
}

const fmt = (ratio: number) => `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;

function explain(colors: BrandColors, pair: Pair, ratio: number, suggestion: string | null): string {
  const fg = `${BRAND_COLOR_NAMES[pair.foreground]} ${colors[pair.foreground]}`;
  const bg = `${BRAND_COLOR_NAMES[pair.background].toLowerCase()} ${colors[pair.background]}`;
  const way = luminance(colors[pair.background]) > 0.18 ? 'darker' : 'lighter';
  const fix =
    suggestion === null
      ? `No ${way} shade of it reads well enough; change the ${BRAND_COLOR_NAMES[pair.background].toLowerCase()} instead.`
      : `Make it ${way}: ${suggestion} is the nearest shade that passes.`;
  return `${fg} on ${bg} has a contrast of ${fmt(ratio)}; ${pair.use} at least ${fmt(pair.min)} (WCAG AA). ${fix}`;
}

/** Every pair below AA, each with its explanation; empty when the colours pass. */
export function contrastIssues(colors: BrandColors): ContrastIssue[] {
  return CONTRAST_PAIRS.flatMap((pair) => {
    const ratio = contrastRatio(colors[pair.foreground], colors[pair.background]);
    if (ratio >= pair.min) return [];
    const bg = colors[pair.background];
    const towards = luminance(bg) > 0.18 ? '#000000' : '#ffffff';
    const suggestion = firstReadable([colors[pair.foreground], towards], [bg], pair.min);
    return [
      {
        foreground: pair.foreground,
        background: pair.background,
        ratio,
        min: pair.min,
        suggestion,
        explanation: explain(colors, pair, ratio, suggestion),
      },
    ];
  });
}
