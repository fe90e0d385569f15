import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EditionStore } from '../../../functions/core/store/edition-store';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { silentLogger } from '../../../functions/core/log';
import { defaultFeedbackSettings, handleSesEvent, type FeedbackDeps } from '../../../functions/feedback/feedback';
import { SesEventSchema } from '../../../functions/feedback/ses-event';
import { recordFeedbackMetrics } from '../../../functions/feedback/metrics';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { dynamoStandIn, TEST_TABLE } from '../../helpers/stand-ins';
import { lambdaObservability } from '../../../functions/core/observability';
import { captureOutput, expectNoTraceOf, logLines } from '../../helpers/log-privacy';
import { testFingerprint } from '../../helpers/link-key';

const now = new Date('2026-11-26T09:00:00Z');
const DATE = '2026-11-26';
let seq = 0;

/** An SES configuration-set event as SNS delivers it (the JSON in `Sns.Message`), tagged as the sender tags it. */
function sesEvent(
  kind: 'Bounce' | 'Complaint',
  emails: string[],
  bounceType: 'Permanent' | 'Transient' = 'Permanent',
  messageId = `ses-${++seq}`,
) {
  return SesEventSchema.parse({
    eventType: kind,
    mail: {
      messageId,
      destination: emails,
      tags: { edition: ['global'], date: [DATE], 'ses:configuration-set': ['daybreak'] },
    },
    ...(kind === 'Bounce'
      ? {
          bounce: {
            bounceType,
            bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
            bouncedRecipients: emails.map((emailAddress) => ({ emailAddress })),
          },
        }
      : {
          complaint: {
            complainedRecipients: emails.map((emailAddress) => ({ emailAddress })),
            complaintFeedbackType: 'abuse',
          },
        }),
  });
}

describe('feedback on dynalite: bounces and complaints', () => {
  let db: DynamoDBDocumentClient;
  let close: () => Promise<void>;
  let deps: FeedbackDeps;

  beforeAll(async () => {
    ({ db, close } = await dynamoStandIn());
    deps = {
      subscribers: new SubscriberStore(db, TEST_TABLE, testFingerprint),
      editions: new EditionStore(db, TEST_TABLE),
      clock: () => now,
      log: silentLogger,
      settings: { ...defaultFeedbackSettings, minSentForRate: 1000 },
    };
    const at = now.toISOString();
    for (const name of ['hard', 'soft', 'angry', 'a1', 'a2', 'a3']) {
      await deps.subscribers.put({
        email: `${name}@example.com`,
        status: 'active',
        editions: ['global'],
        createdAt: at,
        updatedAt: at,
      });
    }
  });
  afterAll(() => close());

  const isActive = async (email: string) => {
    for await (const page of deps.subscribers.activePages('global'))
      if (page.some((s) => s.email === email)) return true;
    return false;
  };

  it('suppresses an address at once on a permanent bounce, with the reason and time, and takes it off the active index', async () => {
    expect(await handleSesEvent(sesEvent('Bounce', ['hard@example.com']), deps)).toMatchObject({ suppressed: 1 });
    expect(await deps.subscribers.get('hard@example.com')).toMatchObject({
      status: 'suppressed',
      suppressedReason: 'bounce: General',
      suppressedAt: now.toISOString(),
    });
    expect(await isActive('hard@example.com')).toBe(false);
  });

  it('counts transient bounces and suppresses on the third', async () => {
    for (let i = 1; i <= 2; i++)
      expect(await handleSesEvent(sesEvent('Bounce', ['soft@example.com'], 'Transient'), deps)).toMatchObject({
        suppressed: 0,
        transient: 1,
      });
    expect((await deps.subscribers.get('soft@example.com'))?.status).toBe('active');
    expect(await handleSesEvent(sesEvent('Bounce', ['soft@example.com'], 'Transient'), deps)).toMatchObject({
      suppressed: 1,
    });
    expect(await deps.subscribers.get('soft@example.com')).toMatchObject({
      status: 'suppressed',
      suppressedReason: 'bounce: 3 transient bounces',
      transientBounces: 3,
    });
  });

  it('suppresses a complainer at once', async () => {
    await handleSesEvent(sesEvent('Complaint', ['angry@example.com']), deps);
    expect(await deps.subscribers.get('angry@example.com')).toMatchObject({
      status: 'suppressed',
      suppressedReason: 'complaint: abuse',
    });
  });

  it('counts an event once though SNS delivers it twice', async () => {
    const event = sesEvent('Bounce', ['a1@example.com'], 'Transient', 'ses-repeated');
    await handleSesEvent(event, deps);
    expect(await handleSesEvent(event, deps)).toMatchObject({ duplicate: true });
    expect((await deps.subscribers.get('a1@example.com'))?.transientBounces).toBe(1);
  });

  it('adds bounces and complaints to the edition report', async () => {
    expect(await deps.editions.report(DATE, 'global')).toMatchObject({ bounces: 5, complaints: 1 });
  });

  it('pauses the edition, with an alarm metric, when complaints near 0.3% of what was sent', async () => {
    await deps.editions.count(DATE, 'global', { sent: 1000 });
    expect(await handleSesEvent(sesEvent('Complaint', ['a2@example.com']), deps)).not.toHaveProperty('paused'); // 2 of 1000: 0.2%
    const third = await handleSesEvent(sesEvent('Complaint', ['a3@example.com']), deps); // 3 of 1000: 0.3%
    expect(third.paused).toMatch(/^complaint rate 0\.30% \(3 of 1000\)/);
    expect((await deps.editions.stats(DATE, 'global')).paused).toBe(third.paused);
    const metrics = new Metrics({ namespace: 'Daybreak', serviceName: 'feedback' });
    recordFeedbackMetrics(metrics, [third]);
    expect(metrics.serializeMetrics()).toMatchObject({
      EditionsPaused: 1,
      service: 'feedback',
      _aws: { CloudWatchMetrics: [{ Namespace: 'Daybreak' }] },
    });
    expect((await deps.editions.report(DATE, 'global')).paused).toBe(third.paused);
  });

  it('after an operator resumes, counts the complaint rate from the resume: one more complaint does not pause again', async () => {
    expect(await deps.editions.resume(DATE, 'global')).toMatch(/^complaint rate/);
    await deps.editions.count(DATE, 'global', { sent: 1200 });
    expect(await handleSesEvent(sesEvent('Complaint', ['a4@example.com']), deps)).not.toHaveProperty('paused'); // 1 of 1200 since the resume
    expect((await deps.editions.stats(DATE, 'global')).paused).toBeUndefined();
    await handleSesEvent(sesEvent('Complaint', ['a5@example.com']), deps);
    const third = await handleSesEvent(sesEvent('Complaint', ['a6@example.com']), deps); // 3 of 1200: 0.25%
    expect(third.paused).toMatch(/^complaint rate 0\.25% \(3 of 1200 since it was resumed\)/);
  });

  it('finds the edition from the Feedback-ID header when the tags are missing', async () => {
    const { editionOf } = await import('../../../functions/feedback/ses-event');
    const event = SesEventSchema.parse({
      notificationType: 'Bounce',
      mail: { messageId: 'x', headers: [{ name: 'Feedback-ID', value: '2026-11-25:asia:daybreak' }] },
    });
    expect(editionOf(event)).toEqual({ date: '2026-11-25', edition: 'asia' });
  });

  it('logs bounces and complaints by the SES message id, never by the address or an unkeyed hash of it', async () => {
    const emails = ['Logged.Hard@example.com', 'logged.soft@example.com', 'logged.angry@example.com'];
    const capture = captureOutput();
    let output: string;
    try {
      const logged = { ...deps, log: lambdaObservability('feedback').log };
      await handleSesEvent(sesEvent('Bounce', [emails[0] ?? ''], 'Permanent', 'ses-logged-1'), logged);
      await handleSesEvent(sesEvent('Bounce', [emails[1] ?? ''], 'Transient', 'ses-logged-2'), logged);
      await handleSesEvent(sesEvent('Complaint', [emails[2] ?? ''], 'Permanent', 'ses-logged-3'), logged);
    } finally {
      output = capture.text();
      capture.restore();
    }
    for (const email of emails) expectNoTraceOf(output, email);
    const lines = logLines(output);
    for (const [message, messageId] of [
      ['permanent bounce', 'ses-logged-1'],
      ['transient bounce', 'ses-logged-2'],
      ['complaint', 'ses-logged-3'],
    ])
      expect(lines).toContainEqual(expect.objectContaining({ message, messageId }));
  });
});
