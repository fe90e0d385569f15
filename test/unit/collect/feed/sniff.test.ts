import { sniffDocument } from '../../../../functions/collect/feed/sniff';

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
