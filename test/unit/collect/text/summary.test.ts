import { headlineFrom, sentences, summarize, withoutBoilerplate } from '../../../../functions/collect/text/summary';

const sentence = (n: number) =>
  `Sentence ${n} tells the reader one specific thing about the ferry timetable and its changes.`;

describe('summarize', () => {
  it('keeps a short text whole', () => {
    expect(summarize('Rates held steady.')).toBe('Rates held steady.');
  });

  it('gives one or two sentences of about 160 to 280 characters, cut at a sentence', () => {
    const summary = summarize([1, 2, 3, 4, 5].map(sentence).join(' '));
    expect(summary).toBe(`${sentence(1)} ${sentence(2)}`);
    expect(summary.length).toBeGreaterThanOrEqual(160);
    expect(summary.length).toBeLessThanOrEqual(280);
  });

  it('stops at two sentences even when they are short, rather than stacking a third', () => {
    expect(summarize('Rates held. Markets rose. The pound slipped. Bonds were flat.')).toBe(
      'Rates held. Markets rose.',
    );
  });

  it('counts a colon lead-in and what it leads into as the sentences they are', () => {
    expect(summarize('Three things changed:\nFares rose. Trains got faster. Stations closed.')).toBe(
      'Three things changed: Fares rose.',
    );
  });

  it('cuts one long sentence at a word, with an ellipsis', () => {
    const summary = summarize(`${'word '.repeat(100)}end.`);
    expect(summary.length).toBeLessThanOrEqual(280);
    expect(summary).toMatch(/word…$/);
  });

  it('does not let a standfirst without a full stop run into the body', () => {
    expect(summarize('Evening opening returns\nThe library stays open until 9 p.m. on weekdays.')).toBe(
      'Evening opening returns. The library stays open until 9 p.m. on weekdays.',
    );
  });

  it('lets a line that ends on a colon lead into the next, without a full stop after the colon', () => {
    expect(summarize('Here is what the council decided:\nThe library stays open until 9 p.m. on weekdays.')).toBe(
      'Here is what the council decided: The library stays open until 9 p.m. on weekdays.',
    );
  });

  it.each([
    ['Rates held.\nsubmitted by /u/mira to /r/news [link] [239 comments]', 'Rates held.'],
    ['Rates held. Continue reading…', 'Rates held.'],
    ['Rates held. Read more »', 'Rates held.'],
    ['Rates held.\nThe post Rates held appeared first on Harbour Daily.', 'Rates held.'],
    ['Rates held.\nRelated: Banks react', 'Rates held.'],
    ['Rates held and markets rose […]', 'Rates held and markets rose'],
    ['Die Zinsen bleiben. Weiterlesen', 'Die Zinsen bleiben.'],
    ['Les taux restent stables. Lire la suite', 'Les taux restent stables.'],
  ])('removes boilerplate: %j', (text, expected) => expect(summarize(text)).toBe(expected));

  it('keeps abbreviations and initials inside a sentence', () => {
    expect(sentences('Mr. Smith met Dr. J. Doe in the U.S. on Monday. Then he left.')).toEqual([
      'Mr. Smith met Dr. J. Doe in the U.S. on Monday.',
      'Then he left.',
    ]);
  });

  it.each([
    ['Am 3. Oktober feiert die Stadt. Die Feier ist groß.', 'Am 3. Oktober feiert die Stadt.'],
    [
      'Planetarien waren Anfang des 20. Jahrhunderts beliebt. Heute weniger.',
      'Planetarien waren Anfang des 20. Jahrhunderts beliebt.',
    ],
    [
      'Das gilt z. B. für Busse bzw. Bahnen und ca. 100 Fähren. Und mehr.',
      'Das gilt z. B. für Busse bzw. Bahnen und ca. 100 Fähren.',
    ],
    ['La Sra. García dijo que no. Luego se fue.', 'La Sra. García dijo que no.'],
  ])('does not end a sentence at a German ordinal or abbreviation, or a Spanish title: %j', (text, first) => {
    expect(sentences(text)[0]).toBe(first);
    expect(headlineFrom(text)).toBe(first);
  });

  it('keeps the source’s language and script', () => {
    expect(summarize('東京で新しい橋が開通した。通勤時間が短くなる。')).toBe(
      '東京で新しい橋が開通した。通勤時間が短くなる。',
    );
  });
});

describe('headlineFrom', () => {
  it('takes the first sentence of the text', () => {
    expect(headlineFrom('Took the night ferry home. Quiet and warm.')).toBe('Took the night ferry home.');
  });

  it('cuts a long first sentence at a word', () => {
    expect(headlineFrom(`${'long '.repeat(40)}text`).length).toBeLessThanOrEqual(110);
  });
});

describe('withoutBoilerplate', () => {
  it('leaves a sentence that only mentions reading alone', () => {
    const text =
      'Pupils who read more than an hour a day did better in every test, the study found, across all the schools it covered in the region.';
    expect(withoutBoilerplate(text)).toBe(text);
  });
});
