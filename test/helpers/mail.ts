import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { composeConfirmation } from '../../functions/mail/confirmation-email';
import type { Identity } from '../../functions/mail/identity';

/** The raw header lines of a parsed message, by lower-case name (mailparser folds List-* into `list`). */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  return mail.headerLines
    .find((h) => h.key === name.toLowerCase())
    ?.line.replace(/^[^:]+:\s*/, '')
    .replace(/\r?\n\s+/g, ' ');
}

/** Every .eml in an outbox folder, parsed, in the order they were written. */
export async function readOutbox(dir: string): Promise<{ file: string; raw: Buffer; mail: ParsedMail }[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  return Promise.all(
    files.map(async (file) => {
      const raw = readFileSync(path.join(dir, file));
      return { file, raw, mail: await simpleParser(raw) };
    }),
  );
}

export function recipientOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? '';
}

/** The Morning Ledger confirmation email to reader@example.org, parsed, wearing `identity`. */
export async function ledgerConfirmation(identity: Identity): Promise<ParsedMail> {
  return simpleParser(
    await composeConfirmation({
      from: 'Morning Ledger <digest@news.example.com>',
      to: 'reader@example.org',
      confirmUrl: 'https://news.example.com/confirm?token=T',
      expiresAt: new Date('2026-11-28T07:00:00Z'),
      editions: ['Morning Ledger'],
      publicUrl: 'https://news.example.com',
      identity,
    }),
  );
}
