/**
 * The custom metrics Daybreak publishes (CloudWatch embedded metric format, through Powertools),
 * named once here for the functions that emit them and the dashboard and alarms that read them.
 */
export const METRICS_NAMESPACE = 'Daybreak';

export const Metric = {
  /** Items read in a collect run (new + updated + unchanged). */
  Collected: 'Collected',
  SourcesRead: 'SourcesRead',
  SourcesFailed: 'SourcesFailed',
  Stories: 'Stories',
  /** One per edition enqueued; alarms watch for a missing one. */
  EditionsEnqueued: 'EditionsEnqueued',
  /**
   * One per digest run (per edition) that found the edition incomplete: recipients an earlier run
   * enqueued that never reached the ledger, or shards another run still held. The alarm watches it.
   */
  EditionIncomplete: 'EditionIncomplete',
  /** Recipients a rerun found missing from the ledger and enqueued again. */
  RecipientsReconciled: 'RecipientsReconciled',
  EmailBytes: 'EmailBytes',
  Sent: 'Sent',
  Failed: 'Failed',
  Throttled: 'Throttled',
  Bounces: 'Bounces',
  Complaints: 'Complaints',
  /** Editions whose complaint rate paused their sending; an alarm goes off at one. */
  EditionsPaused: 'EditionsPaused',
  /** Readers' clicks on an edition's links (dimension `edition`), counted by the subscribe function. */
  Clicks: 'Clicks',
  /** Clicks left out of the counts as link scanners' (too soon after delivery, or a robot's agent). */
  ClicksFiltered: 'ClicksFiltered',
} as const;

export type MetricName = (typeof Metric)[keyof typeof Metric];
export type Service = 'collect' | 'digest' | 'send' | 'subscribe' | 'feedback';

/** Powertools gives every metric the dimension `service`: the function that published it. */
export const serviceDimension = (fn: Service) => ({ service: fn });

/**
 * The function that publishes each metric. CloudWatch matches a metric by its whole set of
 * dimensions, so an alarm or a graph must name the same `service` Powertools adds, or it sees nothing.
 */
export const publishedBy: Record<MetricName, Service> = {
  Collected: 'collect',
  SourcesRead: 'collect',
  SourcesFailed: 'collect',
  Stories: 'collect',
  EditionsEnqueued: 'digest',
  EditionIncomplete: 'digest',
  RecipientsReconciled: 'digest',
  EmailBytes: 'digest',
  Sent: 'send',
  Failed: 'send',
  Throttled: 'send',
  Bounces: 'feedback',
  Complaints: 'feedback',
  EditionsPaused: 'feedback',
  Clicks: 'subscribe',
  ClicksFiltered: 'subscribe',
};
