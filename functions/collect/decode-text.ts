/**
 * The one charset decoder for documents, whether they came over HTTP or from a file: bytes in,
 * text out, the way a browser would read them.
 *
 * The order is: a byte order mark (it cannot be wrong about itself, and the Encoding Standard
 * lets it win); UTF-16 or UTF-32 without a mark, recognised by how `<` is spelled in the first
 * bytes (XML 1.0 appendix F); the charset of the Content-Type header; the XML prolog's encoding;
 * an HTML meta charset; else UTF-8, unless the bytes are plainly not UTF-8 (a file saved in
 * Latin-1 that says nothing about it), which are read as windows-1252, as browsers read an
 * undeclared page. Labels go through the WHATWG TextDecoder, so "iso-8859-1" and "latin1" mean
 * windows-1252 as browsers read them; an unknown label falls back to UTF-8.
 */

/** @param contentType the response's Content-Type, or '' for a file. */
export function decodeBody(bytes: Uint8Array, contentType: string): string {
  const wide = wideEncoding(bytes);
  if (wide) return wide.encoding.startsWith('utf-32') ? decodeUtf32(bytes, wide) : decode(bytes, wide.encoding);
  const label = headerCharset(contentType) ?? documentCharset(bytes);
  return label ? decode(bytes, label) : decodeUndeclared(bytes);
}

/**
 * Bytes that name no charset: UTF-8 when they read as UTF-8, or mostly do (one stray byte in a
 * UTF-8 feed must not turn all its accents into mojibake); windows-1252 when more of their
 * non-ASCII characters are broken than sound, which is how Latin-1 looks read as UTF-8
 * ("simulações" comes out as "simula??es", each ? a U+FFFD).
 */
function decodeUndeclared(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  if (!utf8.includes('\ufffd')) return utf8;
  let broken = 0;
  let sound = 0;
  for (const char of utf8) {
    if (char === '\ufffd') broken++;
    else if (char > '\u007f') sound++;
  }
  return broken > sound ? decodeWindows1252(bytes) : utf8;
}

interface WideEncoding {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';
  /** Bytes of byte order mark to skip. */
  bom: number;
}

/** A byte order mark's encoding, or UTF-16/32 recognised from a leading `<` or whitespace. */
function wideEncoding(b: Uint8Array): WideEncoding | undefined {
  const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { encoding: 'utf-32le', bom: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', bom: 4 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (b.length < 4) return undefined;
  // Without a mark: an ASCII character (`<`, `{`, whitespace) padded with zero bytes says the width and order.
  const ascii = (value: number | undefined) => value !== undefined && value > 0 && value < 0x80;
  if (ascii(b0) && b1 === 0 && b2 === 0 && b3 === 0) return { encoding: 'utf-32le', bom: 0 };
  if (b0 === 0 && b1 === 0 && b2 === 0 && ascii(b3)) return { encoding: 'utf-32be', bom: 0 };
  if (ascii(b0) && b1 === 0 && ascii(b2) && b3 === 0) return { encoding: 'utf-16le', bom: 0 };
  if (b0 === 0 && ascii(b1) && b2 === 0 && ascii(b3)) return { encoding: 'utf-16be', bom: 0 };
  return undefined;
}

/** UTF-32, which TextDecoder does not know: code points of four bytes; a bad one becomes U+FFFD. */
function decodeUtf32(bytes: Uint8Array, { encoding, bom }: WideEncoding): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = encoding === 'utf-32le';
  const chars: string[] = [];
  for (let at = bom; at + 4 <= bytes.byteLength; at += 4) {
    const point = view.getUint32(at, little);
    chars.push(point <= 0x10ffff && (point < 0xd800 || point > 0xdfff) ? String.fromCodePoint(point) : '\ufffd');
  }
  return chars.join('');
}

function headerCharset(contentType: string): string | undefined {
  return /charset\s*=\s*["']?([^"';,\s]+)/i.exec(contentType)?.[1];
}

/** Sniffs the first 8 KB as ASCII; a document read that way cannot really be UTF-16 or UTF-32, whatever it says. */
function documentCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8192)).toString('latin1');
  const label =
    /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1] ??
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^"'\s;/>]+)/i.exec(head)?.[1];
  return label && /^(?:utf-?16|utf-?32|ucs-?[24])/i.test(label.trim()) ? 'utf-8' : label;
}

function decode(bytes: Uint8Array, label: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label.trim().toLowerCase());
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  // "iso-8859-1", "latin1" and "ascii" all resolve to windows-1252 here, as in browsers.
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}
/**
 * Node 20.18.3+ and 22.13+ decode windows-1252 as ISO-8859-1, turning curly quotes and the euro
 * sign into C1 controls (nodejs/node#60888), so the 32 bytes that differ are mapped here, from the
 * WHATWG index-windows-1252.
 */
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) =>
    String.fromCharCode(WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)),
  );
}
