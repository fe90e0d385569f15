import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Logger } from './log';
import { METRICS_NAMESPACE } from './metric-names';

export { MetricUnit };

export interface LambdaObservability {
  log: Logger;
  metrics: Metrics;
  tracer: Tracer;
}

/**
 * Powertools for AWS Lambda, set up once per function: structured JSON logs, metrics in the
 * embedded metric format (namespace `Daybreak`), X-Ray tracing of the AWS clients. Outside Lambda
 * the tracer switches itself off; the local stack turns metrics off (POWERTOOLS_METRICS_DISABLED).
 */
export function lambdaObservability(service: string): LambdaObservability {
  const logger = new PowertoolsLogger({ serviceName: service });
  return {
    log: {
      info: (message, fields = {}) => logger.info(message, fields),
      warn: (message, fields = {}) => logger.warn(message, fields),
      error: (message, fields = {}) => logger.error(message, fields),
    },
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service }),
    tracer: new Tracer({ serviceName: service }),
  };
}
