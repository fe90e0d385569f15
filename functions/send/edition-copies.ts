import type { RenderedEdition } from '../core/model';
import type { PrecomposedDigest } from '../mail/precompose';

/** An edition as a sender mails it: as rendered, and composed once for each recipient to be spliced in. */
export interface EditionCopy {
  edition: RenderedEdition;
  digest: PrecomposedDigest;
}

/**
 * The editions one sender has read and composed, by date and edition. An edition is never rendered
 * again once kept (a rerun sends it as it was), so a warm sender reads and composes each once, not
 * once a batch: a tenth of a recipient's CPU at 50 recipients a batch. The last few are kept.
 */
export class EditionCopies {
  private readonly copies = new Map<string, EditionCopy>();

  constructor(private readonly keep = 8) {}

  async get(date: string, edition: string, load: () => Promise<EditionCopy>): Promise<EditionCopy> {
    const key = `${date}/${edition}`;
    const kept = this.copies.get(key);
    if (kept) return kept;
    const copy = await load();
    this.copies.set(key, copy);
    // A Map iterates in insertion order: the first key is the oldest copy.
    for (const old of this.copies.keys()) {
      if (this.copies.size <= this.keep) break;
      this.copies.delete(old);
    }
    return copy;
  }
}
