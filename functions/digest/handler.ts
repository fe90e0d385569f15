import * as z from 'zod/mini';
import { archiveFromConfig } from '../core/archive/from-config';
import type { AwsClients } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { dateIn } from '../core/dates';
import { lambdaEntry } from '../core/lambda-entry';
import { type LambdaHandler, lambdaObservability, observed } from '../core/observability';
import { SqsRecipientQueue } from '../core/send-queue';
import { ArticleStore } from '../core/store/article-store';
import { EditionStore } from '../core/store/edition-store';
import { SubscriberStore } from '../core/store/subscriber-store';
import { parseOrThrow } from '../core/validation';
import { buildEdition, type DigestSummary } from './digest';
import { EnqueueProgressStore } from './enqueue-progress';
import { ClickStore } from '../core/clicks/click-store';
import { loadTokenSigner } from '../core/token-key';
import type { DigestClicks } from './readers';
import { recordDigestMetrics } from './metrics';
import { type DigestFunctionSettings, fromEnvironment } from './settings';

/** The schedule names the edition; a manual run may also name the date, and resume a paused edition. */
const DigestEventSchema = z.object({
  edition: z.string().check(z.minLength(1)),
  date: z.optional(z.iso.date()),
  resume: z.optional(z.boolean()),
  /** Set by the retry schedules: this run is that many minutes after the edition's send time (its date is then's). */
  retryAfterMinutes: z.optional(z.number().check(z.int(), z.positive())),
});

export function createDigestHandler(
  settings: DigestFunctionSettings,
  clients: Pick<AwsClients, 'db' | 'sqs' | 's3' | 'secrets'>,
  observability = lambdaObservability('digest'),
): LambdaHandler<unknown, DigestSummary> {
  const deps = {
    articles: new ArticleStore(clients.db, settings.table),
    editions: new EditionStore(clients.db, settings.table),
    subscribers: new SubscriberStore(clients.db, settings.table),
    progress: new EnqueueProgressStore(clients.db, settings.table),
    queue: new SqsRecipientQueue(clients.sqs, settings.sendQueueUrl),
    clock: systemClock,
    log: observability.log,
    publicUrl: settings.publicUrl,
    identity: settings.identity,
    archive: archiveFromConfig(settings, () => clients.s3),
    images: { allowLoopbackHttp: settings.allowLoopbackImages },
  };
  // The link key is read on the first run (from Secrets Manager in AWS), and only when links are tracked.
  let clicks: Promise<DigestClicks | undefined> | undefined;
  const clickDeps = () => {
    clicks ??=
      settings.clickTracking === 'off'
        ? Promise.resolve(undefined)
        : loadTokenSigner(settings, clients.secrets).then((tokens) => ({
            tracking: settings.clickTracking,
            tokens,
            store: new ClickStore(clients.db, settings.table),
            readersMinClicks: settings.readersMinClicks,
            editions: settings.editions.map((e) => e.id),
          }));
    return clicks;
  };
  return observed(async (event: unknown) => {
    const request = parseOrThrow(DigestEventSchema, event, 'digest event');
    const edition = settings.editions.find((e) => e.id === request.edition);
    if (!edition)
      throw new Error(
        `digest event names edition "${request.edition}", which is not configured (${settings.editions.map((e) => e.id).join(', ')})`,
      );
    // A retry near midnight still reruns the edition of the day it was sent, not the new day's.
    const date =
      request.date ??
      (request.retryAfterMinutes
        ? dateIn(edition.timezone, new Date(deps.clock().getTime() - request.retryAfterMinutes * 60_000))
        : undefined);
    const summary = await buildEdition(edition, { ...deps, clicks: await clickDeps() }, date, {
      resume: request.resume,
    });
    if (request.retryAfterMinutes && summary.enqueued > summary.reconciled)
      observability.log.warn('scheduled retry enqueued recipients no earlier run had', {
        date: summary.date,
        edition: summary.edition,
        retryAfterMinutes: request.retryAfterMinutes,
        enqueued: summary.enqueued - summary.reconciled,
      });
    recordDigestMetrics(observability.metrics, summary, { retry: request.retryAfterMinutes !== undefined });
    return summary;
  }, observability);
}

export const handler = lambdaEntry('digest', () => fromEnvironment(process.env), createDigestHandler);
