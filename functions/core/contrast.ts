/**
 * WCAG 2.x contrast between two sRGB colours written `#rrggbb`: what the brand's accent is
 * checked against, so links and buttons stay readable in both colour schemes.
 */

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The contrast ratio (1 to 21) of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Normal-size text needs 4.5:1 (WCAG 2.x AA, success criterion 1.4.3). */
export const MIN_TEXT_CONTRAST = 4.5;

/** The backgrounds the email and the pages put text on, in each scheme. */
export const SCHEME_BACKGROUNDS = {
  light: ['#ffffff', '#f3f4f6'],
  dark: ['#1f2228', '#16181d'],
} as const;
