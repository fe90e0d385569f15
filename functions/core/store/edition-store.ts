import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { RenderedEditionSchema, type RenderedEdition } from '../model';
import { hashEmail } from '../hash';

const PK = (date: string, edition: string) => `EDITION#${date}#${edition}`;

export type DeliveryOutcome = { status: 'sent'; messageId: string } | { status: 'failed'; reason: string };

/** Rendered editions and their send ledger (one item per edition and recipient). */
export class EditionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async saveRendered(rendered: RenderedEdition): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { pk: PK(rendered.date, rendered.edition), sk: 'EDITION', type: 'edition', ...rendered } }));
  }

  async getRendered(date: string, edition: string): Promise<RenderedEdition | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { pk: PK(date, edition), sk: 'EDITION' }, ConsistentRead: true }));
    return result.Item ? RenderedEditionSchema.parse(result.Item) : undefined;
  }

  /**
   * Claims (edition, recipient) with a conditional write. Only the first claim wins, so a
   * redelivered batch never mails anyone twice. Returns false when someone already holds it.
   */
  async claim(date: string, edition: string, email: string, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: PK(date, edition), sk: `TO#${hashEmail(email)}`, type: 'delivery', status: 'claimed', claimedAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async record(date: string, edition: string, email: string, outcome: DeliveryOutcome, now: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: PK(date, edition), sk: `TO#${hashEmail(email)}` },
        UpdateExpression: 'SET #status = :status, messageId = :messageId, reason = :reason, recordedAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':messageId': outcome.status === 'sent' ? outcome.messageId : null,
          ':reason': outcome.status === 'failed' ? outcome.reason : null,
          ':now': now.toISOString(),
        },
      }),
    );
  }
}
