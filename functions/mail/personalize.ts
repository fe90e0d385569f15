/** Per-recipient parts of an edition: rendered as placeholders once, filled in for each recipient. */
export const PLACEHOLDERS = {
  unsubscribeUrl: '%%UNSUBSCRIBE_URL%%',
  preferencesUrl: '%%PREFERENCES_URL%%',
} as const;

export type PersonalLinks = { [K in keyof typeof PLACEHOLDERS]: string };

/** Fills one recipient's links into a rendered edition: string substitutions only, no render. */
export function personalize(template: string, links: PersonalLinks): string {
  return template
    .replaceAll(PLACEHOLDERS.unsubscribeUrl, links.unsubscribeUrl)
    .replaceAll(PLACEHOLDERS.preferencesUrl, links.preferencesUrl);
}
