import { mapPolitely } from '../../../functions/collect/polite-pool';

/** Tracks how many tasks run at once, overall and per key, while each takes a few milliseconds. */
function recorder() {
  const now = new Map<string, number>();
  const peak = new Map<string, number>();
  let running = 0;
  let peakTotal = 0;
  const task = async (item: { key: string; ms: number }) => {
    running++;
    now.set(item.key, (now.get(item.key) ?? 0) + 1);
    peakTotal = Math.max(peakTotal, running);
    peak.set(item.key, Math.max(peak.get(item.key) ?? 0, now.get(item.key) ?? 0));
    await new Promise((resolve) => setTimeout(resolve, item.ms));
    running--;
    now.set(item.key, (now.get(item.key) ?? 1) - 1);
    return `${item.key}:${item.ms}`;
  };
  return { task, peak, peakTotal: () => peakTotal };
}

describe('mapPolitely', () => {
  it('never runs more than perKey tasks of one key at once, while other keys go ahead', async () => {
    const items = [
      ...Array.from({ length: 10 }, () => ({ key: 'news.example', ms: 15 })),
      ...Array.from({ length: 4 }, () => ({ key: 'other.example', ms: 5 })),
    ];
    const { task, peak, peakTotal } = recorder();
    await mapPolitely(items, (item) => item.key, { total: 8, perKey: 2 }, task);
    expect(peak.get('news.example')).toBe(2);
    expect(peak.get('other.example')).toBe(2);
    expect(peakTotal()).toBe(4);
  });

  it('keeps to the total across keys, and returns results in the order of the items', async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ key: `host${i}`, ms: 12 - i }));
    const { task, peakTotal } = recorder();
    const results = await mapPolitely(items, (item) => item.key, { total: 3, perKey: 2 }, task);
    expect(peakTotal()).toBe(3);
    expect(results).toEqual(items.map((item) => `${item.key}:${item.ms}`));
  });

  it('finishes at once with no items', async () => {
    expect(
      await mapPolitely(
        [],
        () => 'x',
        { total: 2, perKey: 1 },
        async () => 1,
      ),
    ).toEqual([]);
  });
});
