import { type AwsClients, tracedAwsClients } from './aws-clients';
import { type LambdaHandler, type LambdaObservability, lambdaObservability } from './observability';

/**
 * A handler built on its first call and kept for the next: importing a handler module reads no
 * settings, so its factory can be imported with an empty environment, while Lambda still builds
 * the handler once per instance and fails its first call naming the setting at fault.
 */
export function lazyHandler<A extends unknown[], R>(
  build: () => (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  let built: ((...args: A) => Promise<R>) | undefined;
  // async: a setting at fault rejects the call (as any handler failure does) rather than throwing.
  return async (...args) => {
    built ??= build();
    return built(...args);
  };
}

/**
 * What Lambda runs: the function's factory applied, on the first call, to its settings read from
 * the environment, the AWS clients traced by X-Ray, and Powertools set up for `service`.
 *
 * @example
 * // in functions/feedback/handler.ts, where `environment` is the process's:
 * export const handler = lambdaEntry('feedback', () => fromEnvironment(environment), createFeedbackHandler);
 */
export function lambdaEntry<S, E, R>(
  service: string,
  settings: () => S,
  create: (settings: S, clients: AwsClients, observability: LambdaObservability) => LambdaHandler<E, R>,
): LambdaHandler<E, R> {
  return lazyHandler(() => {
    const observability = lambdaObservability(service);
    return create(settings(), tracedAwsClients(observability.tracer), observability);
  });
}
