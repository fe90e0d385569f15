import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { RenderedEditionSchema, type RenderedEdition } from '../model';
import { hashEmail } from '../hash';

const PK = (date: string, edition: string) => `EDITION#${date}#${edition}`;

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Claimed but never recorded: a send that may or may not have happened, never retried blindly. */
  unknown: number;
  failures: Record<string, number>;
}

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

  /** Counts the ledger of one edition, page by page. */
  async report(date: string, edition: string): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0, unknown: 0, failures: {} };
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :to)',
          ExpressionAttributeValues: { ':pk': PK(date, edition), ':to': 'TO#' },
          ProjectionExpression: '#status, reason',
          ExpressionAttributeNames: { '#status': 'status' },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.status === 'sent') report.sent++;
        else if (item.status === 'failed') {
          report.failed++;
          const reason = String(item.reason ?? 'unknown').split(':')[0] ?? 'unknown';
          report.failures[reason] = (report.failures[reason] ?? 0) + 1;
        } else report.unknown++;
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return report;
  }
}
