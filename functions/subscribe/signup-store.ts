import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { hashEmail } from '../core/hash';
import { ConsentSchema, type Consent } from './consent';
import { SubscriberSchema, type Subscriber } from '../core/model';
import { conditionalUpdate, putIfAbsent } from '../core/store/conditional';
import { scanAll } from '../core/store/query-all';
import { subscriberPk } from '../core/table';

/**
 * What the signup flow keeps beside the subscriber profile (items of the shared table):
 *   SUBSCRIBER#<email>    CONSENT           the consent record (same partition as the profile; the address in lower case)
 *   CONFIRM#<nonce>       NONCE             one confirmation link: single use, expires by TTL
 *   RATE#<email hash>     CONFIRM#<hour>    confirmation emails sent to one address in one hour
 *   RATE#NET#<net hash>   SIGNUP#<hour>     signups from one network (IPv4 address, IPv6 /64) in one hour
 *   ERASED#<fingerprint>  TOMBSTONE         an address whose owner asked to be deleted (keyed hash)
 * Keys of other addresses hold only hashes, so deleting a person leaves no address behind.
 */
const PROFILE_KEY = (email: string) => ({ pk: subscriberPk(email), sk: 'PROFILE' });
const CONSENT_KEY = (email: string) => ({ pk: subscriberPk(email), sk: 'CONSENT' });
const NONCE_KEY = (nonce: string) => ({ pk: `CONFIRM#${nonce}`, sk: 'NONCE' });
const TOMBSTONE_KEY = (hash: string) => ({ pk: `ERASED#${hash}`, sk: 'TOMBSTONE' });

/** What a confirmation link carries besides the address: the editions and consent of that request. */
export const PendingConfirmationSchema = z.object({
  emailHash: z.string(),
  editions: z.array(z.string()).check(z.minLength(1)),
  consent: ConsentSchema,
  usedAt: z.optional(z.string()),
});
export type PendingConfirmation = z.infer<typeof PendingConfirmationSchema>;

export type NoncePeek = { state: 'unused'; pending: PendingConfirmation } | { state: 'used' } | { state: 'unknown' };

export type NonceUse = { ok: true; pending: PendingConfirmation } | { ok: false; reason: 'used' | 'unknown' };

export const TombstoneSchema = z.object({ emailHash: z.string(), erasedAt: z.iso.datetime({ offset: true }) });
export type Tombstone = z.infer<typeof TombstoneSchema>;

export type StoredEntry =
  | { kind: 'subscriber'; subscriber: Subscriber; consent?: Consent }
  | { kind: 'erased'; tombstone: Tombstone };

const consentItem = (email: string, consent: Consent) => ({ ...CONSENT_KEY(email), type: 'consent', ...consent });

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export class SignupStore {
  /**
   * @param fingerprint the keyed name kept of an erased address (`TokenSigner.fingerprint`):
   *   a table dump must not let anyone test addresses against the people who asked to be deleted.
   */
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly fingerprint: (email: string) => string,
  ) {}

  async putConsent(email: string, consent: Consent): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: consentItem(email, consent) }));
  }

  /**
   * Writes a consent record only where the address has none: repairs a subscriber left without
   * one, never overwrites the record of how someone actually signed up. False when one was there.
   */
  async putConsentIfMissing(email: string, consent: Consent): Promise<boolean> {
    return putIfAbsent(this.db, this.tableName, consentItem(email, consent));
  }

  async getConsent(email: string): Promise<Consent | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: CONSENT_KEY(email), ConsistentRead: true }),
    );
    const parsed = ConsentSchema.safeParse(result.Item);
    return parsed.success ? parsed.data : undefined;
  }

  async issueNonce(nonce: string, pending: Omit<PendingConfirmation, 'usedAt'>, expiresAt: Date): Promise<void> {
    const issued = await putIfAbsent(this.db, this.tableName, {
      ...NONCE_KEY(nonce),
      type: 'confirm-nonce',
      ...pending,
      expiresAt: epochSeconds(expiresAt),
    });
    // Nonces are random: a clash means the caller reused one, and a link must never serve two requests.
    if (!issued) throw new Error('this confirmation nonce was issued already');
  }

  /** Whether a confirmation link is still unused, and what it carries, without using it (the page before the click). */
  async peekNonce(nonce: string, emailHash: string): Promise<NoncePeek> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: NONCE_KEY(nonce), ConsistentRead: true }),
    );
    const pending = PendingConfirmationSchema.safeParse(result.Item);
    if (!pending.success || pending.data.emailHash !== emailHash) return { state: 'unknown' };
    return pending.data.usedAt ? { state: 'used' } : { state: 'unused', pending: pending.data };
  }

  /** Marks a confirmation link used, with a conditional write: of two clicks racing, one wins. */
  async consumeNonce(nonce: string, emailHash: string, now: Date): Promise<NonceUse> {
    const update = await conditionalUpdate(this.db, {
      TableName: this.tableName,
      Key: NONCE_KEY(nonce),
      UpdateExpression: 'SET usedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND emailHash = :hash',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':hash': emailHash },
      ReturnValues: 'ALL_NEW',
    });
    if (update.written) {
      const pending = PendingConfirmationSchema.safeParse(update.output.Attributes);
      return pending.success ? { ok: true, pending: pending.data } : { ok: false, reason: 'unknown' };
    }
    const existing = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: NONCE_KEY(nonce), ConsistentRead: true }),
    );
    return { ok: false, reason: existing.Item?.usedAt && existing.Item.emailHash === emailHash ? 'used' : 'unknown' };
  }

  /**
   * Counts one confirmation email to an address in the current hour, unless `max` were already
   * sent: a fixed window, kept in DynamoDB so every Lambda instance shares it.
   */
  allowConfirmation(email: string, now: Date, max: number): Promise<boolean> {
    return this.countInHour(`RATE#${this.fingerprint(email)}`, 'CONFIRM', now, max);
  }

  /** Counts one signup from a network (by the keyed hash of its address) in the current hour, unless `max` came already. */
  allowSignupFrom(networkHash: string, now: Date, max: number): Promise<boolean> {
    return this.countInHour(`RATE#NET#${networkHash}`, 'SIGNUP', now, max);
  }

  private async countInHour(pk: string, what: string, now: Date, max: number): Promise<boolean> {
    const hour = now.toISOString().slice(0, 13);
    const update = await conditionalUpdate(this.db, {
      TableName: this.tableName,
      Key: { pk, sk: `${what}#${hour}` },
      UpdateExpression: 'ADD sent :one SET expiresAt = :expires',
      ConditionExpression: 'attribute_not_exists(sent) OR sent < :max',
      ExpressionAttributeValues: { ':one': 1, ':max': max, ':expires': epochSeconds(now) + 2 * 3600 },
    });
    return update.written;
  }

  /**
   * Erases an address and its personal data; keeps only its keyed fingerprint, so no later import
   * can mail it. The profile goes last: until then its preferences link still works to finish.
   */
  async erase(email: string, now: Date): Promise<Tombstone> {
    const tombstone: Tombstone = { emailHash: this.fingerprint(email), erasedAt: now.toISOString() };
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...TOMBSTONE_KEY(tombstone.emailHash), type: 'tombstone', ...tombstone },
      }),
    );
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: CONSENT_KEY(email) }));
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: PROFILE_KEY(email) }));
    return tombstone;
  }

  /**
   * Whether the address was erased. A tombstone kept as a plain hash (written before fingerprints
   * were keyed, in an older local data folder) still counts, and is replaced by the keyed one here.
   */
  async isErased(email: string): Promise<boolean> {
    const kept = async (name: string) =>
      (
        await this.db.send(
          new GetCommand({ TableName: this.tableName, Key: TOMBSTONE_KEY(name), ConsistentRead: true }),
        )
      ).Item;
    if (await kept(this.fingerprint(email))) return true;
    const legacy = TombstoneSchema.safeParse(await kept(hashEmail(email)));
    if (!legacy.success) return false;
    const emailHash = this.fingerprint(email);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...TOMBSTONE_KEY(emailHash), type: 'tombstone', emailHash, erasedAt: legacy.data.erasedAt },
      }),
    );
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: TOMBSTONE_KEY(hashEmail(email)) }));
    return true;
  }

  /** The owner confirmed a new signup with their own link: the erasure no longer stands in the way. */
  async clearErased(email: string): Promise<void> {
    for (const name of [this.fingerprint(email), hashEmail(email)])
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: TOMBSTONE_KEY(name) }));
  }

  /**
   * Every subscriber (with consent) and every erased address, for the operator's export. A Scan:
   * an offline operator task over subscriber items, never on a request path.
   */
  async *all(): AsyncGenerator<StoredEntry> {
    const items = scanAll(this.db, {
      TableName: this.tableName,
      FilterExpression: '(begins_with(pk, :subscriber) AND sk = :profile) OR begins_with(pk, :erased)',
      ExpressionAttributeValues: { ':subscriber': 'SUBSCRIBER#', ':profile': 'PROFILE', ':erased': 'ERASED#' },
    });
    for await (const item of items) {
      if (String(item.pk).startsWith('ERASED#')) {
        const tombstone = TombstoneSchema.safeParse(item);
        if (tombstone.success) yield { kind: 'erased', tombstone: tombstone.data };
        continue;
      }
      const subscriber = SubscriberSchema.safeParse(item);
      if (subscriber.success)
        yield {
          kind: 'subscriber',
          subscriber: subscriber.data,
          consent: await this.getConsent(subscriber.data.email),
        };
    }
  }
}
