import { clusterArticles, sameStory } from '../../../functions/core/stories';

const a = (id: string, headline: string, summary = '') => ({ id, headline, summary });

describe('the same story', () => {
  it('is the same canonical URL whatever the headlines say', () => {
    expect(sameStory(a('x', 'One thing'), a('x', 'Something else entirely'))).toBe(true);
  });

  it('is a near-duplicate headline, reworded by another desk', () => {
    expect(
      sameStory(
        a('1', 'Coastal states extend grain corridor deal by a year'),
        a('2', 'Grain corridor deal extended by a year, coastal states say'),
      ),
    ).toBe(true);
  });

  it('is a related headline with the same lead', () => {
    expect(
      sameStory(
        a(
          '1',
          'Harbour bridge reopens to traffic',
          'The harbour bridge reopened at dawn after a two-year rebuild, officials said.',
        ),
        a(
          '2',
          'Harbour bridge reopens after rebuild, officials say',
          'Officials said the harbour bridge reopened at dawn after its two-year rebuild.',
        ),
      ),
    ).toBe(true);
  });

  it('is the same headline with or without its accents', () => {
    expect(
      sameStory(a('1', 'Zürich café reopens after the élection'), a('2', 'ZURICH CAFE REOPENS AFTER THE ELECTION')),
    ).toBe(true);
  });

  it('is not two events that share a few words', () => {
    expect(
      sameStory(
        a('1', 'Rail strike called off after overnight talks'),
        a('2', 'Rail strike begins on the northern line'),
      ),
    ).toBe(false);
    expect(sameStory(a('1', 'Council approves budget'), a('2', 'Council rejects housing plan'))).toBe(false);
  });
});

describe('clusterArticles', () => {
  it('groups transitively and keeps unrelated stories apart', () => {
    const clusters = clusterArticles([
      a('1', 'Harbour bridge reopens after two-year rebuild'),
      a('2', 'Malaria vaccine trial reports strong results'),
      a('3', 'Harbour bridge reopens after rebuild'),
      a('4', 'Bridge reopens after two-year rebuild, harbour traffic resumes'),
    ]);
    expect(clusters.map((c) => c.map((x) => x.id))).toEqual([['1', '3', '4'], ['2']]);
  });

  it('clusters a busy day without comparing everything with everything', () => {
    const vocabulary = Array.from({ length: 2000 }, (_, i) => `word${i.toString(36)}`);
    let seed = 7;
    const pick = () => vocabulary[(seed = (seed * 48271) % 2147483647) % vocabulary.length];
    const many = Array.from({ length: 3000 }, (_, i) => a(String(i), Array.from({ length: 7 }, pick).join(' ')));
    const started = process.hrtime.bigint();
    expect(clusterArticles(many).length).toBeGreaterThan(2900);
    // A generous bound: all-pairs would be 4.5 million comparisons.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(20);
  });
});
