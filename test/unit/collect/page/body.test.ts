import { extractBody, paragraphsOfText } from '../../../../functions/collect/page/body';
import { parseDocument } from '../../../../functions/collect/page/dom';

const LONG = (n: number) =>
  `Paragraph ${n} of the story says something specific about the harbour, the ferries and the people who use them every day of the week.`;
const bodyOf = (html: string, notStory: (document: Document) => Element[] = () => []) => {
  const document = parseDocument(html);
  return extractBody(document, notStory(document));
};

describe('extractBody', () => {
  it('keeps the story’s paragraphs and drops menus, share bars, ad slots, related links and the disclaimer', () => {
    const body = bodyOf(`<nav><a href="/">Home</a></nav><div class="share-bar"><a href="#">Share</a></div>
      <div class="article-body">
        <p>${LONG(1)}</p>
        <div class="ad-slot"><span>Advertisement</span>Buy now</div>
        <p>${LONG(2)}</p>
        <p>Advertisement</p>
        <div class="related-links"><h4>Related</h4><ul><li><a href="/x">Another story</a></li></ul></div>
        <p>Also read: <a href="/y">Yet another story</a></p>
        <p>(This story has not been edited by Example staff and is auto-generated from a syndicated feed.)</p>
      </div><footer><p>© 2026 Example</p></footer>`);
    expect(body).toBe(`${LONG(1)}\n\n${LONG(2)}`);
  });

  it('finds the story with Readability where the page does not mark it', () => {
    const body = bodyOf(`<div id="menu"><a href="/">Home</a> | <a href="/india">India</a></div>
      <div><div><p>${LONG(1)}</p><p>${LONG(2)}</p><p>${LONG(3)}</p></div></div>
      <div><ul><li><a href="/a">Link one</a></li><li><a href="/b">Link two</a></li></ul></div>`);
    expect(body).toBe([LONG(1), LONG(2), LONG(3)].join('\n\n'));
  });

  it('leaves out the elements it is told are not the story (byline, tags, trending)', () => {
    const body = bodyOf(
      `<article><h1>Headline</h1><p id="byline">PTI | Seoul</p><p>${LONG(1)}</p></article>`,
      (document) => [document.querySelector('#byline') as Element, document.querySelector('h1') as Element],
    );
    expect(body).toBe(LONG(1));
  });

  it('does not throw the story away with a wrapper that sounds like noise (an ASP.NET form, a "has-sidebar" div)', () => {
    const html = `<form id="form1"><div class="layout has-sidebar"><div><p>${LONG(1)}</p><p>${LONG(2)}</p><p>${LONG(3)}</p></div></div></form>`;
    expect(bodyOf(html)).toBe([LONG(1), LONG(2), LONG(3)].join('\n\n'));
  });

  it('gives an empty body for a page with no text', () => {
    expect(bodyOf('')).toBe('');
  });
});

describe('paragraphsOfText', () => {
  it('turns a JSON-LD articleBody into clean paragraphs', () => {
    expect(
      paragraphsOfText(
        'First line.\n\nSecond <b>line</b>.\n(This story has not been edited by X staff and is auto-generated from a syndicated feed.)',
      ),
    ).toBe('First line.\n\nSecond line.');
  });
});
