/**
 * A handler built on its first call and kept for the next: importing a handler module reads no
 * settings, so its factory can be imported with an empty environment, while Lambda still builds
 * the handler once per instance and fails its first call naming the setting at fault.
 *
 * @example
 * export const handler = lazyHandler(() => createFeedbackHandler(settingsFromTheEnvironment(), clients));
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
