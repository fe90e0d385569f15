import type { ClickTracking } from '../core/clicks/click-settings';
import type { ClickStore } from '../core/clicks/click-store';
import type { TokenSigner } from '../core/tokens';
import type { ReaderPick } from './select';

/** What the digest needs for click tracking: the mode, the link key, the counters, the readers' signal's floor. */
export interface DigestClicks {
  tracking: ClickTracking;
  tokens: TokenSigner;
  store: ClickStore;
  /** The fewest clicks in 24 h that make a story "Most read by Daybreak readers": a handful of readers cannot steer it. */
  readersMinClicks: number;
  /** Every configured edition: readers' clicks count across all of them. */
  editions: string[];
}

const DAY_MS = 86400000;

/**
 * The stories readers clicked most in the 24 hours before `now`, across every edition (any edition
 * dated in the last two days can have been clicked in that window), by article URL, each with at
 * least `readersMinClicks` counted clicks (filtered clicks never count).
 */
export async function readerPicks(clicks: DigestClicks, now: Date): Promise<ReaderPick[]> {
  const window = { from: new Date(now.getTime() - DAY_MS), to: now };
  const days = [
    ...new Set([2, 1, 0].map((back) => new Date(now.getTime() - back * DAY_MS).toISOString().slice(0, 10))),
  ];
  const picks = new Map<string, ReaderPick>();
  for (const edition of clicks.editions)
    for (const day of days) {
      const links = await clicks.store.links(day, edition);
      if (!links) continue;
      const stats = await clicks.store.stats(day, edition, window);
      for (const [id, count] of Object.entries(stats.links)) {
        const link = links[id];
        if (!link) continue;
        const pick = picks.get(link.url) ?? { url: link.url, headline: link.headline, clicks: 0 };
        pick.clicks += count;
        picks.set(link.url, pick);
      }
    }
  return [...picks.values()].filter((pick) => pick.clicks >= clicks.readersMinClicks);
}
