import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SendBatch } from '../../../functions/core/model';
import { silentLogger } from '../../../functions/core/log';
import { EditionStore } from '../../../functions/core/store/edition-store';
import { SubscriberStore } from '../../../functions/core/store/subscriber-store';
import { EnqueueProgressStore } from '../../../functions/digest/enqueue-progress';
import { fanOut } from '../../../functions/digest/fan-out';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import { route } from '../../../functions/subscribe/router';
import type { LocalSes } from '../../../infra/local/ses';
import { testFingerprint } from '../../helpers/link-key';
import { readOutbox, recipientOf } from '../../helpers/mail';
import { TEST_TABLE } from '../../helpers/stand-ins';
import { form, recordingLogger, request, snapshot, subscribeStandIns } from '../../helpers/subscribe';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const FORM = 'application/x-www-form-urlencoded';
const now = new Date('2026-11-27T08:00:00Z');

describe('erasure on dynalite: only the keyed fingerprint is left', () => {
  let db: DynamoDBDocumentClient;
  let deps: SubscribeDeps;
  let close: () => Promise<void>;

  beforeAll(async () => {
    let localSes: LocalSes;
    ({ db, deps, close, localSes } = await subscribeStandIns(() => now, recordingLogger()));
    const email = 'Erin.Reader@Example.com';
    // Signs up on the form (consent with the IP, a nonce, rate counters), confirms, is enqueued and mailed.
    await route(request('POST', '/subscribe', { type: FORM, body: form({ email, editions: ['global'] }) }), deps);
    const mail = (await readOutbox(localSes.outboxDir)).find(
      (m) => recipientOf(m.mail).toLowerCase() === email.toLowerCase(),
    );
    const token = /confirm\?token=([\w.-]+)/.exec(mail?.mail.text ?? '')?.[1] ?? '';
    await route(request('POST', `/confirm?token=${token}`, { type: FORM, body: form({}) }), deps);
    expect(await deps.subscribers.get(email)).toMatchObject({ status: 'active' });
    const editions = new EditionStore(db, TEST_TABLE);
    const sent: SendBatch[] = [];
    const result = await fanOut('2026-11-27', 'global', {
      subscribers: new SubscriberStore(db, TEST_TABLE),
      editions,
      progress: new EnqueueProgressStore(db, TEST_TABLE),
      queue: {
        enqueue: async (batches) => {
          sent.push(...batches);
          for (const recipient of batches.flatMap((b) => b.recipients)) {
            await editions.claim('2026-11-27', 'global', testFingerprint(recipient), now);
            await editions.record(
              '2026-11-27',
              'global',
              testFingerprint(recipient),
              { status: 'sent', messageId: 'm-1' },
              now,
            );
          }
        },
      },
      clock: () => now,
      log: silentLogger,
    });
    expect(result.recipients).toBe(1);
    expect(await snapshot(db)).toContain(testFingerprint(email));
    await deps.signups.erase(email, now);
  });
  afterAll(() => close());

  it('keeps no address, no plain hash of it and no plain hash of its IP anywhere in the table', async () => {
    const email = 'Erin.Reader@Example.com';
    const table = await snapshot(db);
    for (const trace of [
      email,
      email.toLowerCase(),
      sha256(email.toLowerCase()),
      sha256(email.toLowerCase()).slice(0, 32),
      sha256(email),
      sha256('203.0.113.9'),
    ])
      expect(table.toLowerCase()).not.toContain(trace.toLowerCase());
    // What is kept: the tombstone by fingerprint, the ledger item and the cursor by the same keyed name.
    expect(table).toContain(`ERASED#${testFingerprint(email)}`);
    expect(table).toContain(`TO#${testFingerprint(email)}`);
    expect(await deps.signups.isErased(email)).toBe(true);
  });
});
