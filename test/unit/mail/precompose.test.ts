import fc from 'fast-check';
import { type ParsedMail, simpleParser } from 'mailparser';
import { composeDigest } from '../../../functions/mail/compose';
import { drawPersonalMarkers, LEGACY_PLACEHOLDERS, personalize } from '../../../functions/mail/personalize';
import type { PersonalLinks, PersonalMarkers } from '../../../functions/mail/personalize';
import MimeNode from 'nodemailer/lib/mime-node';
import { foldLines } from 'nodemailer/lib/mime-funcs';
import {
  type DigestTemplate,
  type HeaderSlot,
  headerLine,
  PrecomposedDigest,
} from '../../../functions/mail/precompose';

const markers = drawPersonalMarkers();
const base = {
  from: 'Daybreak <digest@news.example.com>',
  subject: 'Daybreak: Bridge reopens — and more',
  listId: 'global.news.example.com',
  feedbackId: '2026-11-26:global:daybreak',
  archiveUrl: 'https://news.example.com/archive/2026-11-26/global',
};
const links: PersonalLinks = {
  unsubscribeUrl: 'https://news.example.com/unsubscribe?token=abc.def==',
  preferencesUrl: 'https://news.example.com/preferences?token=ghi.jkl',
};

/** What a reader's mail client sees: the headers (less the boundary and the second the Date was written) and both parts. */
function seen(mail: ParsedMail) {
  const headers = Object.fromEntries(
    [...mail.headers].filter(([key]) => key !== 'date' && key !== 'content-type').map(([k, v]) => [k, v]),
  );
  const contentType = mail.headers.get('content-type') as { value: string };
  return { headers, contentType: contentType.value, text: mail.text, html: mail.html, attachments: mail.attachments };
}

async function both(template: DigestTemplate, to: string, personal: PersonalLinks) {
  const messageId = '<0f4e1e8c-2b36-4bd6-9f55-8f0e7a5f2c11@news.example.com>';
  const precomposed = await PrecomposedDigest.compose(template);
  const raw = precomposed.forRecipient(to, personal, messageId);
  const today = await composeDigest({
    ...template,
    ...personalize(template, personal),
    to,
    unsubscribeUrl: personal.unsubscribeUrl,
    messageId,
  });
  return { raw, spliced: await simpleParser(raw), composed: await simpleParser(today) };
}

/** Lines of at most 998 octets (RFC 5322 §2.1.1), CRLF only: no bare CR or LF on the wire. */
function expectWellFormed(raw: Buffer): void {
  const text = raw.toString('latin1');
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
}

describe('PrecomposedDigest', () => {
  it('gives each recipient the message composeDigest gives them: same headers, same parts', async () => {
    const template = {
      ...base,
      html: `<html><body><h1>Daybreak</h1><p>Brücke — 橋 ${'long line '.repeat(200)}</p><a href="${markers.unsubscribeUrl}">Unsubscribe</a> <a href="${markers.preferencesUrl}">Preferences</a></body></html>`,
      text: `Daybreak\n\n1. Bridge reopens\n   https://news.example.com/bridge\n\nUnsubscribe: ${markers.unsubscribeUrl}\nPreferences: ${markers.preferencesUrl}\n`,
      personalMarkers: markers,
    };
    const { raw, spliced, composed } = await both(template, 'ann@example.com', links);
    expect(seen(spliced)).toEqual(seen(composed));
    expect(spliced.text).toContain(`Unsubscribe: ${links.unsubscribeUrl}`);
    expect(spliced.html).toContain(`href="${links.preferencesUrl}"`);
    expect(spliced.messageId).toBe(composed.messageId);
    expectWellFormed(raw);
  });

  it('splices a legacy edition’s footer only, as personalize does', async () => {
    const template = {
      ...base,
      html: `<p>${LEGACY_PLACEHOLDERS.unsubscribeUrl}</p><a href="${LEGACY_PLACEHOLDERS.unsubscribeUrl}">x</a>`,
      text: `${LEGACY_PLACEHOLDERS.preferencesUrl} and ${LEGACY_PLACEHOLDERS.unsubscribeUrl}`,
    };
    const { spliced, composed } = await both(template, 'ann@example.com', links);
    expect(seen(spliced)).toEqual(seen(composed));
    expect(spliced.html).toContain(`<p>${LEGACY_PLACEHOLDERS.unsubscribeUrl}</p>`);
  });

  it('writes a new Message-ID for every recipient unless told one', async () => {
    const digest = await PrecomposedDigest.compose({ ...base, html: '<p>x</p>', text: 'x', personalMarkers: markers });
    const [a, b] = await Promise.all(
      ['a@example.com', 'b@example.com'].map((to) => simpleParser(digest.forRecipient(to, links))),
    );
    expect(a?.messageId).toMatch(/^<[0-9a-f-]{36}@news\.example\.com>$/);
    expect(a?.messageId).not.toBe(b?.messageId);
  });

  it('matches composeDigest for hostile addresses, parts and links', async () => {
    const displayName = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => s.trim() === s);
    const address = fc.oneof(
      fc.emailAddress(),
      fc.tuple(displayName, fc.emailAddress()).map(([name, email]) => `${JSON.stringify(name)} <${email}>`),
      fc
        .string({ minLength: 64, maxLength: 64, unit: fc.constantFrom('a', 'b', '.', '-') })
        .map((local) => `x${local.replace(/\.+/g, '.')}x@${'sub.'.repeat(20)}example.com`),
    );
    const partText = fc.string({ unit: 'binary', maxLength: 400 });
    const part = (m: PersonalMarkers) =>
      fc
        .array(
          fc.oneof(
            partText,
            fc.constantFrom(m.unsubscribeUrl, m.preferencesUrl, m.clickSuffix ?? '', ' ', '\n', '\r\n', '='),
          ),
          {
            maxLength: 12,
          },
        )
        .map((pieces) => pieces.join(''));
    const url = fc.webUrl({ withQueryParameters: true, withFragments: true });
    await fc.assert(
      fc.asyncProperty(
        address,
        part(markers),
        part(markers),
        url,
        url,
        // A click link's suffix: the delivery time and a reader id, or anything with `&`, `=` and line ends.
        fc.oneof(
          fc.constant('&d=1795676400&r=0123456789abcdef0123456789abcdef'),
          // Anything a URL's query can hold, and what HTML must escape; never empty (a part that is
          // nothing but an emptied marker has no HTML, and composeDigest then leaves the part out).
          fc.string({ unit: fc.constantFrom(...'&=?#%+;/:@!$\'()*,._~-<>"aZ09é'), minLength: 1, maxLength: 120 }),
        ),
        async (to, html, text, unsubscribeUrl, preferencesUrl, clickSuffix) => {
          const template = { ...base, html: html || ' ', text: text || ' ', personalMarkers: markers };
          const { raw, spliced, composed } = await both(template, to, { unsubscribeUrl, preferencesUrl, clickSuffix });
          expect(seen(spliced)).toEqual(seen(composed));
          expectWellFormed(raw);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('headerLine', () => {
  it('writes each per-recipient header as MimeNode does, fast path or not', () => {
    const mimeNode = (key: HeaderSlot, value: string) =>
      foldLines(`${key}: ${MimeNode.encodeHeaderValue(key, value, { textEncoding: 'B' })}`, 76);
    const value = fc.oneof(
      fc.emailAddress(),
      fc.webUrl({ withQueryParameters: true }).map((u) => `<${u}>`),
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.string({ unit: fc.constantFrom('a', '=', '?', '<', '>', '@', '.', ' ', '"', 'é'), maxLength: 90 }),
    );
    fc.assert(
      fc.property(fc.constantFrom<HeaderSlot>('To', 'Message-ID', 'List-Unsubscribe'), value, (key, v) => {
        expect(headerLine(key, v)).toBe(mimeNode(key, v));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('click links in the precomposed message', () => {
  it('splices each copy’s click suffix after every signed link: `&amp;` in the HTML part, `&` in the text part', async () => {
    const link = (id: string) =>
      `https://news.example.com/c/2026-11-26.global/${id}?s=${'A'.repeat(22)}${markers.clickSuffix}`;
    const template = {
      ...base,
      html: `<p>${Array.from({ length: 40 }, (_, i) => `<a href="${link(i.toString(36))}">Story ${i}</a>`).join(' ')}</p><a href="${markers.unsubscribeUrl}">Unsubscribe</a>`,
      text: `${Array.from({ length: 40 }, (_, i) => `${i}. Story\n   ${link(i.toString(36))}`).join('\n')}\nUnsubscribe: ${markers.unsubscribeUrl}`,
      personalMarkers: markers,
    };
    const suffix = '&d=1795676400&r=0123456789abcdef0123456789abcdef';
    const { raw, spliced, composed } = await both(template, 'ann@example.com', { ...links, clickSuffix: suffix });
    expect(seen(spliced)).toEqual(seen(composed));
    expect(
      String(spliced.html).split(`?s=${'A'.repeat(22)}&amp;d=1795676400&amp;r=0123456789abcdef0123456789abcdef"`),
    ).toHaveLength(41);
    expect((spliced.text ?? '').split(`?s=${'A'.repeat(22)}${suffix}\n`)).toHaveLength(41);
    expect(String(spliced.html)).not.toContain(markers.clickSuffix as string);
    expectWellFormed(raw);
  });

  it('leaves an edition rendered before click links as it was', async () => {
    const { clickSuffix: _, ...older } = markers;
    const template = {
      ...base,
      html: `<a href="${older.unsubscribeUrl}">x</a>`,
      text: `x ${older.preferencesUrl}`,
      personalMarkers: older,
    };
    const { spliced, composed } = await both(template, 'ann@example.com', { ...links, clickSuffix: '&d=1' });
    expect(seen(spliced)).toEqual(seen(composed));
    expect(spliced.text).toBe(`x ${links.preferencesUrl}`);
  });
});
