import { decodeBody } from '../../../functions/collect/decode-text';

const XML = '<?xml version="1.0"?><t>Ålesund – «endelig» €</t>';

/** UTF-32 bytes, which Node's Buffer cannot write. */
function utf32(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const points = [...(bom ? '\ufeff' : ''), ...text].map((c) => c.codePointAt(0) ?? 0);
  const view = new DataView(new ArrayBuffer(points.length * 4));
  points.forEach((point, i) => view.setUint32(i * 4, point, littleEndian));
  return new Uint8Array(view.buffer);
}

describe('decodeBody (the one decoder for files and responses)', () => {
  it('reads UTF-16 without a byte order mark, in either byte order', () => {
    expect(decodeBody(Buffer.from(XML, 'utf16le'), '')).toBe(XML);
    expect(decodeBody(Buffer.from(XML, 'utf16le').swap16(), '')).toBe(XML);
  });

  it('reads UTF-32 with and without a byte order mark, in either byte order', () => {
    for (const little of [true, false])
      for (const bom of [true, false]) expect(decodeBody(utf32(XML, little, bom), '')).toBe(XML);
  });

  it('reads windows-1252 named in the XML declaration, with curly quotes and the euro sign', () => {
    const bytes = Buffer.from([
      ...Buffer.from('<?xml version="1.0" encoding="windows-1252"?><t>'),
      0x93,
      0x80,
      0x32,
      0x94,
      ...Buffer.from('</t>'),
    ]);
    expect(decodeBody(bytes, '')).toBe('<?xml version="1.0" encoding="windows-1252"?><t>“€2”</t>');
  });

  it('reads bytes that name no charset and are not UTF-8 as windows-1252', () => {
    // "Simulações “já”" saved in windows-1252, with no XML declaration.
    const bytes = Buffer.from([
      ...Buffer.from('<t>Simula'),
      0xe7,
      0xf5,
      ...Buffer.from('es '),
      0x93,
      ...Buffer.from('j'),
      0xe1,
      0x94,
      ...Buffer.from('</t>'),
    ]);
    expect(decodeBody(bytes, '')).toBe('<t>Simulações “já”</t>');
  });

  it('keeps UTF-8 that has one stray byte as UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('<t>Ålesund – «endelig» café '),
      Buffer.from([0xe9]),
      Buffer.from('</t>'),
    ]);
    expect(decodeBody(bytes, '')).toBe('<t>Ålesund – «endelig» café \ufffd</t>');
  });

  it('reads plain ASCII and UTF-8 as UTF-8', () => {
    expect(decodeBody(Buffer.from('<p>café</p>'), '')).toBe('<p>café</p>');
  });
});
