import { salvageFeed } from '../../../../functions/collect/feed/salvage';

const RSS_START =
  '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Salvage Times</title>';
const item = (n: number) => `<item><title>Story ${n}</title><link>https://salvage.example/${n}</link></item>`;

describe('salvageFeed', () => {
  it('keeps the root start tag, the feed title and the complete items of a cut-off feed', () => {
    const salvaged = salvageFeed(`${RSS_START}${item(0)}${item(1)}<item><title>Sto`);
    expect(salvaged).toMatchObject({ format: 'rss', positions: [0, 1], unclosed: [], truncated: true, cutItem: 2 });
    expect(salvaged?.document).toBe(
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Salvage Times</title>${item(0)}\n${item(1)}</channel></rss>`,
    );
  });

  it('tells a feed cut between items from one cut inside an item', () => {
    expect(salvageFeed(`${RSS_START}${item(0)}`)).toMatchObject({
      truncated: true,
      cutItem: undefined,
      positions: [0],
    });
    expect(salvageFeed(`${RSS_START}${item(0)}</channel></rss>`)).toMatchObject({
      truncated: false,
      cutItem: undefined,
    });
  });

  it('reports items that never close, by their position', () => {
    const salvaged = salvageFeed(`${RSS_START}${item(0)}<item><title>Open</title>${item(2)}</channel></rss>`);
    expect(salvaged).toMatchObject({ positions: [0, 2], unclosed: [1], truncated: false });
  });

  it('ignores tags inside CDATA sections and comments', () => {
    const salvaged = salvageFeed(
      `${RSS_START}<!-- <item> --><item><title><![CDATA[</item> is a tag]]></title><link>https://salvage.example/c</link></item></channel></rss>`,
    );
    expect(salvaged?.positions).toEqual([0]);
    expect(salvaged?.document).toContain('<![CDATA[</item> is a tag]]>');
  });

  it('rebuilds Atom and RDF around their entries and items', () => {
    const atom = salvageFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/"><title>A</title><entry><title>E</title></entry><entry><ti',
    );
    expect(atom).toMatchObject({ format: 'atom', truncated: true, cutItem: 1 });
    expect(atom?.document).toBe(
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/"><title>A</title><entry><title>E</title></entry></feed>',
    );
    const rdf = salvageFeed(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel><item rdf:about="https://r.example/1"><title>I</title></item>',
    );
    expect(rdf?.document).toBe(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel><item rdf:about="https://r.example/1"><title>I</title></item></rdf:RDF>',
    );
  });

  it('finds nothing to salvage without a feed root', () => {
    expect(salvageFeed('<html><body><item>x</item></body></html>')).toBeUndefined();
    expect(salvageFeed('<rss')).toBeUndefined();
  });

  it('scans a megabyte of unterminated tags in linear time', () => {
    const hostile = `<rss><channel>${'<item '.repeat(200000)}`;
    const started = performance.now();
    expect(salvageFeed(hostile)).toMatchObject({ positions: [], truncated: true });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
