import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Logger } from './log';
import { METRICS_NAMESPACE } from './metric-names';

export { MetricUnit };

export interface LambdaObservability {
  /** What domain code logs through. */
  log: Logger;
  /** The Powertools logger behind `log`, for its middleware. */
  logger: PowertoolsLogger;
  metrics: Metrics;
  tracer: Tracer;
}

export interface ObservabilityOptions {
  /** Publish metrics (EMF lines on stdout); the local stack has no CloudWatch to read them. @default true */
  publishMetrics?: boolean;
  /** @default POWERTOOLS_LOG_LEVEL, else INFO */
  logLevel?: LogLevel;
}

/** Metrics that are recorded as usual and then dropped, never printed: the local stack's. */
class UnpublishedMetrics extends Metrics {
  /** A single metric (one with its own dimensions) is dropped too. */
  override singleMetric(): Metrics {
    return new UnpublishedMetrics({ namespace: METRICS_NAMESPACE, singleMetric: true });
  }

  override publishStoredMetrics(): this {
    this.clearMetrics();
    this.clearDimensions();
    this.clearMetadata();
    return this;
  }
}

/**
 * Powertools for AWS Lambda, set up once per function: structured JSON logs, metrics in the
 * embedded metric format (namespace `Daybreak`, dimension `service` = the function), X-Ray tracing
 * of the AWS clients. Outside Lambda the tracer switches itself off.
 */
export function lambdaObservability(service: string, options: ObservabilityOptions = {}): LambdaObservability {
  const logger = new PowertoolsLogger({
    serviceName: service,
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
  const MetricsKind = options.publishMetrics === false ? UnpublishedMetrics : Metrics;
  return {
    log: {
      info: (message, fields = {}) => logger.info(message, fields),
      warn: (message, fields = {}) => logger.warn(message, fields),
      error: (message, fields = {}) => logger.error(message, fields),
    },
    logger,
    metrics: new MetricsKind({ namespace: METRICS_NAMESPACE, serviceName: service }),
    tracer: new Tracer({ serviceName: service }),
  };
}

/** A Lambda handler as Daybreak's functions export it; the local stack calls it without a context. */
export type LambdaHandler<E, R> = (event: E, context?: Context) => Promise<R>;

/**
 * `handler` wrapped in Powertools' middy middleware: the request id and cold start in every log
 * line (injectLambdaContext) and the invocation's metrics published when it ends, failed or not
 * (logMetrics). A function that records no metrics leaves `publishMetrics` off, or each
 * invocation would warn that it had none.
 */
export function observed<E, R>(
  handler: (event: E, context: Partial<Context>) => Promise<R>,
  observability: LambdaObservability,
  options: { publishMetrics?: boolean } = {},
): LambdaHandler<E, R> {
  // Lambda's own timeout stays in charge: middy would otherwise race the handler against it.
  const wrapped = middy<E, R>((event: E, context: Context) => handler(event, context), { timeoutEarlyInMillis: 0 }).use(
    injectLambdaContext(observability.logger),
  );
  if (options.publishMetrics !== false) wrapped.use(logMetrics(observability.metrics));
  // Without a context (the local stack), the middleware and the handler see an empty one.
  return (event, context) => wrapped(event, context ?? ({} as Context));
}
