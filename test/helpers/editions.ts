import { drawPersonalMarkers, LEGACY_PLACEHOLDERS, type PersonalMarkers } from '../../functions/mail/personalize';
import type { RenderedEdition } from '../../functions/core/model';

/**
 * A rendered edition as small as can be, with markers where each recipient's links go. `legacy`:
 * as editions were kept before personal markers, with the fixed `%%…%%` placeholders.
 */
export function renderedEdition(
  date: string,
  renderedAt: string,
  headline = 'News',
  options: { legacy?: boolean } = {},
): RenderedEdition {
  const markers: PersonalMarkers = options.legacy ? LEGACY_PLACEHOLDERS : drawPersonalMarkers();
  return {
    date,
    edition: 'global',
    subject: `Daybreak: ${headline}`,
    html: `<html><body><p>${headline}</p><a href="${markers.preferencesUrl}">Preferences</a> <a href="${markers.unsubscribeUrl}">Unsubscribe</a></body></html>`,
    text: `${headline}\nPreferences: ${markers.preferencesUrl}\nUnsubscribe: ${markers.unsubscribeUrl}`,
    stories: 1,
    trending: 0,
    storyUrls: [],
    renderedAt,
    ...(options.legacy ? {} : { personalMarkers: markers }),
  };
}
