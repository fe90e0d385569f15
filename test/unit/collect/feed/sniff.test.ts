import { looksLikeHtml, sniffDocument } from '../../../../functions/collect/feed/sniff';

describe('sniffDocument', () => {
  it.each([
    ['', 'empty'],
    ['  \n', 'empty'],
    ['{"version": "https://jsonfeed.org/version/1.1"}', 'json'],
    ['\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<rss version="2.0">', 'feed'],
    ['<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd"><rss>', 'feed'],
    ['<feed xmlns="http://www.w3.org/2005/Atom">', 'feed'],
    ['<rdf:RDF xmlns:rdf="x">', 'feed'],
    ['<!doctype html><html>', 'html'],
    ['<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd"><html>', 'html'],
    ['<head><title>Document Moved</title></head>', 'html'],
    ['<catalog/>', 'xml'],
    ['just words', 'text'],
  ])('calls %j %s', (document, kind) => {
    expect(sniffDocument(document)).toBe(kind);
  });
});

describe('looksLikeHtml', () => {
  it('believes the body over the Content-Type', () => {
    expect(looksLikeHtml('<?xml version="1.0"?><rss version="2.0"></rss>', 'text/html; charset=utf-8')).toBe(false);
    expect(looksLikeHtml('{"version": "https://jsonfeed.org/version/1.1"}', 'text/html')).toBe(false);
    expect(looksLikeHtml('<!doctype html><html></html>', 'application/xml')).toBe(true);
  });

  it('follows the Content-Type when the body does not say', () => {
    expect(looksLikeHtml('<div>fragment</div><p>x</p>', '')).toBe(true);
    expect(looksLikeHtml('hello', 'text/html')).toBe(true);
    expect(looksLikeHtml('hello', 'text/plain')).toBe(false);
    expect(looksLikeHtml('<catalog/>', 'application/xhtml+xml')).toBe(true);
  });
});
