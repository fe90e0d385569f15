import { z } from 'zod';
import { loadConfig } from '../core/config';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { archiveFromConfig } from '../core/archive/from-config';
import { documentClient } from '../core/aws-clients';
import { systemClock } from '../core/clock';
import { lambdaObservability } from '../core/observability';
import { ArticleStore } from '../core/store/article-store';
import { EditionStore } from '../core/store/edition-store';
import { SubscriberStore } from '../core/store/subscriber-store';
import { EnqueueProgressStore } from './enqueue-progress';
import { SqsRecipientQueue } from '../core/send-queue';
import { parseOrThrow } from '../core/validation';
import { buildEdition, type DigestSummary } from './digest';
import { recordDigestMetrics } from './metrics';

const config = loadConfig([
  'DAYBREAK_TABLE',
  'DAYBREAK_SEND_QUEUE_URL',
  'DAYBREAK_EDITIONS',
  'DAYBREAK_PUBLIC_URL',
  'DAYBREAK_ARCHIVE_BUCKET',
  'DAYBREAK_ARCHIVE_DIR',
]);
const { log, metrics, tracer } = lambdaObservability('digest');
const db = documentClient(tracer.captureAWSv3Client(new DynamoDBClient({})));
const deps = {
  articles: new ArticleStore(db, config.DAYBREAK_TABLE),
  editions: new EditionStore(db, config.DAYBREAK_TABLE),
  subscribers: new SubscriberStore(db, config.DAYBREAK_TABLE),
  progress: new EnqueueProgressStore(db, config.DAYBREAK_TABLE),
  queue: new SqsRecipientQueue(tracer.captureAWSv3Client(new SQSClient({})), config.DAYBREAK_SEND_QUEUE_URL),
  clock: systemClock,
  log,
  publicUrl: config.DAYBREAK_PUBLIC_URL,
  archive: archiveFromConfig(config, () => tracer.captureAWSv3Client(new S3Client({}))),
};

/** The schedule names the edition; a manual run may also name the date, and resume a paused edition. */
const DigestEventSchema = z.object({
  edition: z.string().min(1),
  date: z.iso.date().optional(),
  resume: z.boolean().optional(),
});

export async function handler(event: unknown): Promise<DigestSummary> {
  const request = parseOrThrow(DigestEventSchema, event, 'digest event');
  const edition = config.DAYBREAK_EDITIONS.find((e) => e.id === request.edition);
  if (!edition)
    throw new Error(
      `digest event names edition "${request.edition}", which is not configured (${config.DAYBREAK_EDITIONS.map((e) => e.id).join(', ')})`,
    );
  try {
    const summary = await buildEdition(edition, deps, request.date, { resume: request.resume });
    recordDigestMetrics(metrics, summary);
    return summary;
  } finally {
    metrics.publishStoredMetrics();
  }
}
