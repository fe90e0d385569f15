/**
 * Every function's handler module: importing it (for its factory) reads no setting, and its
 * exported handler, built from the environment on the first call, fails naming what is missing.
 * The jest process's environment holds no DAYBREAK_* variables.
 */
const modules = {
  collect: () => import('../../functions/collect/handler'),
  digest: () => import('../../functions/digest/handler'),
  send: () => import('../../functions/send/handler'),
  subscribe: () => import('../../functions/subscribe/handler'),
  feedback: () => import('../../functions/feedback/handler'),
};

describe.each(Object.entries(modules))('the %s handler module', (_name, load) => {
  it('imports with an empty environment, and its first call fails naming each missing variable', async () => {
    const module = await load();
    expect(typeof module.handler).toBe('function');
    await expect((module.handler as (event: unknown) => Promise<unknown>)({ Records: [] })).rejects.toThrow(
      /Daybreak configuration is invalid:\n(.*\n)*DAYBREAK_TABLE: /,
    );
  });
});
