import type { LinkMap } from '../core/clicks/click-store';
import { publicUrls } from './public-urls';

/** How the click route names an edition: `2026-11-26.global`. */
export const clickEdition = (date: string, edition: string): string => `${date}.${edition}`;

/**
 * Gives each distinct URL of an edition a short id (base 36, in order of first use) and its signed
 * click link `<publicUrl>/c/<date>.<edition>/<id>?s=<signature>`, followed by `suffixMarker`, where
 * the sender splices each copy's delivery time (and, with consent, the reader's id).
 *
 * @example
 * const links = new ClickLinks('https://news.example.com', '2026-11-26.global', (id) => sign(id), 'daybreak-…-click');
 * links.track('https://example.com/a', 'A'); // 'https://news.example.com/c/2026-11-26.global/0?s=…daybreak-…-click'
 */
export class ClickLinks {
  private readonly ids = new Map<string, string>();
  readonly map: LinkMap = {};

  constructor(
    private readonly publicUrl: string,
    private readonly edition: string,
    private readonly sign: (linkId: string) => string,
    private readonly suffixMarker: string,
  ) {}

  track(url: string, headline: string): string {
    let id = this.ids.get(url);
    if (id === undefined) {
      id = this.ids.size.toString(36);
      this.ids.set(url, id);
      this.map[id] = { url, headline };
    }
    return `${publicUrls(this.publicUrl).click(this.edition, id)}?s=${this.sign(id)}${this.suffixMarker}`;
  }
}
