import { PLACEHOLDERS } from '../../functions/mail/personalize';
import type { RenderedEdition } from '../../functions/core/model';

/** A rendered edition as small as can be, with the unsubscribe placeholder each recipient's link fills. */
export function renderedEdition(date: string, renderedAt: string, headline = 'News'): RenderedEdition {
  return {
    date,
    edition: 'global',
    subject: `Daybreak: ${headline}`,
    html: `<html><body><p>${headline}</p><a href="${PLACEHOLDERS.unsubscribeUrl}">Unsubscribe</a></body></html>`,
    text: `${headline}\nUnsubscribe: ${PLACEHOLDERS.unsubscribeUrl}`,
    stories: 1,
    trending: 0,
    storyUrls: [],
    renderedAt,
  };
}
