import { htmlParagraphs, htmlText, literalText, titleText } from '../../../../functions/collect/text/html-text';

describe('htmlText', () => {
  it('drops inline tags without a trace, so no space lands before punctuation', () => {
    expect(
      htmlText(
        '<a href="/w">WhalePanda</a>, <a href="/a">Ambroid</a>, and <b>more</b>; so <a href="/t">get tickets</a>.',
      ),
    ).toBe('WhalePanda, Ambroid, and more; so get tickets.');
  });

  it('parts words at block elements and line breaks', () => {
    expect(htmlText('<p>One</p><p>Two</p>Three<br>Four<li>Five</li>')).toBe('One Two Three Four Five');
  });

  it('puts no space before punctuation that follows a block element', () => {
    expect(htmlText('<div>Sold out</div>!')).toBe('Sold out!');
  });

  it('keeps a space before punctuation that the source had (French typography)', () => {
    expect(htmlText('Enfin&nbsp;! Vraiment ?')).toBe('Enfin ! Vraiment ?');
  });

  it('keeps angle brackets that are no element’s tag', () => {
    expect(htmlText('Council votes <no> on the budget')).toBe('Council votes <no> on the budget');
  });

  it('turns whitespace entities into spaces and drops scripts, styles and comments', () => {
    expect(htmlText('a&nbsp;b&ensp;c&#8194;d&emsp;e<script>x()</script><style>p{}</style><!-- note --> f')).toBe(
      'a b c d e f',
    );
  });

  it('leaves out the shapes and labels of an inline SVG', () => {
    expect(
      htmlText('<svg viewBox="0 0 9 9"><path d="M1,1h7"/><text x="1">W</text></svg><p>Ana Duarte wrote.</p>'),
    ).toBe('Ana Duarte wrote.');
  });

  it('reads markup that was escaped twice as markup', () => {
    expect(
      htmlText(
        '&lt;!-- SC_OFF --&gt;&lt;div class=&quot;md&quot;&gt;&lt;p&gt;Hi &lt;a href=&quot;/r&quot;&gt;all&lt;/a&gt;!&lt;/p&gt;&lt;/div&gt;',
      ),
    ).toBe('Hi all!');
  });

  it('decodes entities once: escaped markup stays visible text', () => {
    expect(htmlText('<code>&lt;details&gt;</code> &amp;amp;')).toBe('<details> &amp;');
  });
});

describe('htmlParagraphs', () => {
  it('gives one line per paragraph, list item or double line break', () => {
    expect(htmlParagraphs('<p>Standfirst here</p><p>Body <i>one</i>.</p><ul><li>Point</li></ul>a<br><br>b')).toEqual([
      'Standfirst here',
      'Body one.',
      'Point',
      'a',
      'b',
    ]);
  });
});

describe('literalText', () => {
  it('keeps every character of plain text, collapsing only whitespace', () => {
    expect(literalText('  Using <details> in\n forms &amp; more ')).toBe('Using <details> in forms &amp; more');
  });
});

describe('titleText', () => {
  it.each([
    ['Using <details> in forms', 'Using <details> in forms'],
    ['Council votes <no> on the budget', 'Council votes <no> on the budget'],
    ['Why the </b> tag matters', 'Why the </b> tag matters'],
    ['<em>Dune</em> review: a desert epic', 'Dune review: a desert epic'],
    ['Salt prices rise <b>again', 'Salt prices rise again'],
    ['AT&amp;T and R&amp;D', 'AT&T and R&D'],
    ['Why <br> tags break layouts', 'Why <br> tags break layouts'],
    ['Photo: <img src="harbour.jpg"> Harbour at dawn', 'Photo: Harbour at dawn'],
  ])('reads %j as %j', (title, expected) => expect(titleText(title)).toBe(expected));
});
