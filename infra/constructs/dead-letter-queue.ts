import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /**
   * The schedule or subscription whose failed deliveries land here, said in words ("the digest
   * schedules"). cdk-nag sees a queue's redrive policy but not these targets, so it would take this
   * queue for one without a dead-letter queue of its own (AwsSolutions-SQS3); naming the target
   * acknowledges that finding with the reason.
   * @default none: the queue is a redrive target of another queue, which cdk-nag sees
   */
  catchesFailuresOf?: string;
}

/**
 * A dead-letter queue: failed work kept 14 days (SQS's longest) for an operator to inspect or
 * redrive, encrypted by SQS, reachable over TLS only.
 *
 * @example
 *   const dlq = deadLetterQueue(this, 'DigestDeadLetterQueue', { catchesFailuresOf: 'the digest schedules' });
 */
export function deadLetterQueue(scope: Construct, id: string, props: DeadLetterQueueProps = {}): Queue {
  const queue = new Queue(scope, id, {
    retentionPeriod: Duration.days(14),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  if (props.catchesFailuresOf)
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: `This queue is itself the dead-letter queue of ${props.catchesFailuresOf}, which cdk-nag cannot see.`,
    });
  return queue;
}
