import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/log';
import type { SendBatch } from '../core/model';
import type { EditionStore } from '../core/store/edition-store';
import type { SubscriberStore } from '../core/store/subscriber-store';
import type { TokenSigner } from '../core/tokens';
import { hashEmail } from '../core/hash';
import { personalize } from '../core/personalize';
import { composeDigest } from './compose';

export interface SenderSettings {
  /** `Name <address>` */
  from: string;
  publicUrl: string;
  unsubscribeMailto: string;
  configurationSet?: string;
}

export interface SendDeps {
  editions: EditionStore;
  subscribers: SubscriberStore;
  ses: SESClient;
  tokens: TokenSigner;
  clock: Clock;
  log: Logger;
  settings: SenderSettings;
}

export interface BatchOutcome {
  sent: number;
  skipped: number;
  failed: number;
  emailBytes: number;
}

const UNSUBSCRIBE_TOKEN_DAYS = 365;

/**
 * Sends one edition to one batch of recipients. Each recipient is claimed in the ledger first,
 * so a redelivered batch skips those already claimed instead of mailing them twice.
 */
export async function sendBatch(batch: SendBatch, deps: SendDeps): Promise<BatchOutcome> {
  const edition = await deps.editions.getRendered(batch.date, batch.edition);
  if (!edition) throw new Error(`edition ${batch.date}/${batch.edition} has not been rendered`);
  const outcome: BatchOutcome = { sent: 0, skipped: 0, failed: 0, emailBytes: 0 };
  const domain = deps.settings.unsubscribeMailto.split('@')[1] ?? 'daybreak.invalid';
  const base = deps.settings.publicUrl.replace(/\/$/, '');

  for (const email of batch.recipients) {
    const subscriber = await deps.subscribers.get(email);
    if (subscriber?.status !== 'active' || !subscriber.editions.includes(batch.edition)) {
      outcome.skipped++;
      continue;
    }
    const now = deps.clock();
    if (!(await deps.editions.claim(batch.date, batch.edition, email, now))) {
      outcome.skipped++;
      continue;
    }
    const expires = new Date(now.getTime() + UNSUBSCRIBE_TOKEN_DAYS * 86400000);
    const links = {
      unsubscribeUrl: `${base}/unsubscribe?token=${deps.tokens.sign('unsubscribe', email, expires)}`,
      preferencesUrl: `${base}/preferences?token=${deps.tokens.sign('preferences', email, expires)}`,
    };
    const raw = await composeDigest({
      from: deps.settings.from,
      to: email,
      subject: edition.subject,
      html: personalize(edition.html, links),
      text: personalize(edition.text, links),
      unsubscribeUrl: links.unsubscribeUrl,
      unsubscribeMailto: deps.settings.unsubscribeMailto,
      listId: `${batch.edition}.${domain}`,
      feedbackId: `${batch.date}:${batch.edition}:daybreak`,
      messageIdDomain: domain,
      archiveUrl: `${base}/archive/${batch.date}/${batch.edition}`,
    });
    try {
      const result = await deps.ses.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          ConfigurationSetName: deps.settings.configurationSet,
          Tags: [{ Name: 'edition', Value: batch.edition }],
        }),
      );
      await deps.editions.record(batch.date, batch.edition, email, { status: 'sent', messageId: result.MessageId ?? '' }, deps.clock());
      outcome.sent++;
      outcome.emailBytes = Math.max(outcome.emailBytes, raw.byteLength);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await deps.editions.record(batch.date, batch.edition, email, { status: 'failed', reason }, deps.clock());
      deps.log.warn('send failed', { recipient: hashEmail(email), reason });
      outcome.failed++;
    }
  }
  return outcome;
}
