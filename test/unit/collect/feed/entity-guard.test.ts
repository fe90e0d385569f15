import { declaresEntities } from '../../../../functions/collect/feed/entity-guard';

describe('declaresEntities', () => {
  it.each([
    ['an internal entity', '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">]><rss/>'],
    ['an external entity', '<!DOCTYPE rss [<!ENTITY s SYSTEM "file:///etc/passwd">]><rss/>'],
    ['a parameter entity', '<!DOCTYPE rss [<!ENTITY % p "x">]><rss/>'],
    ['a lower-case declaration', '<!doctype rss [<!entity a "b">]><rss/>'],
    ['a declaration after a comment that looks like a tag', '<!DOCTYPE rss [<!-- <a> --><!ENTITY a "b">]><rss/>'],
    [
      'a declaration after comments and a BOM before the DOCTYPE',
      '\uFEFF<?xml version="1.0"?>\n<!-- generated -->\n<!DOCTYPE rss [<!ENTITY a "b">]><rss/>',
    ],
    ['a declaration whose value holds markup', '<!DOCTYPE rss [<!ENTITY a "<b>]>"><!ENTITY c "d">]><rss/>'],
    ['a DOCTYPE that never ends', '<!DOCTYPE rss [<!ENTITY a "b"'],
  ])('finds %s', (_, document) => {
    expect(declaresEntities(document)).toBe(true);
  });

  it.each([
    ['no DOCTYPE', '<rss version="2.0"><channel/></rss>'],
    [
      'a DOCTYPE without an internal subset',
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss/>',
    ],
    [
      '"<!ENTITY" in CDATA after the root started',
      '<rss><channel><description><![CDATA[<!DOCTYPE x [<!ENTITY a "b">]>]]></description></channel></rss>',
    ],
    ['JSON', '{"title": "<!DOCTYPE x [<!ENTITY a \\"b\\">]>"}'],
  ])('finds none with %s', (_, document) => {
    expect(declaresEntities(document)).toBe(false);
  });
});
