import { bundledFiles, fromEnvironment, toEnvironment } from '../../../functions/collect/settings';
import { errorMessage } from '../../helpers/errors';
import { deployedEnvironment } from '../../helpers/deployed-environment';

const deployed = (settings: Parameters<typeof toEnvironment>[0]) =>
  deployedEnvironment({ toEnvironment, bundledFiles }, settings);

const editions = [{ id: 'global', title: 'Daybreak', sendAt: '07:00', timezone: 'Europe/Paris' }];

describe('the sources of the collect Lambda', () => {
  const source = { name: 'Wire', url: 'https://wire.example.com/rss', edition: 'global' };

  it('come from the file beside the bundle, as do the editions', () => {
    const settings = fromEnvironment(deployed({ table: 't', sources: [source] as never, editions: editions as never }));
    expect(settings.sources).toEqual([
      { ...source, kind: 'auto', category: 'news', region: 'Global', timezone: 'UTC', weight: 1 },
    ]);
    expect(settings.editions.map((e) => e.id)).toEqual(['global']);
  });

  it('name the setting and the file at fault when the file is missing or wrong', () => {
    const env = deployed({ table: 't', sources: [], editions: editions as never });
    expect(errorMessage(() => fromEnvironment({ ...env, DAYBREAK_SOURCES_FILE: '/nope/sources.json' }))).toMatch(
      /DAYBREAK_SOURCES_FILE \(\/nope\/sources.json\): cannot be read/,
    );
    expect(errorMessage(() => fromEnvironment({ ...env, DAYBREAK_SOURCES_FILE: undefined }))).toMatch(
      /^DAYBREAK_SOURCES_FILE: /m,
    );
  });
});

describe('the collect Lambda and private addresses', () => {
  const env = deployed({ table: 't', sources: [], editions: editions as never });

  it('refuses them unless DAYBREAK_ALLOW_PRIVATE_ADDRESSES says true, as toEnvironment writes it', () => {
    const allow = (value?: string) =>
      fromEnvironment({ ...env, DAYBREAK_ALLOW_PRIVATE_ADDRESSES: value }).allowPrivateAddresses;
    expect(allow()).toBe(false);
    expect(allow('false')).toBe(false);
    expect(
      allow(toEnvironment({ ...fromEnvironment(env), allowPrivateAddresses: true }).DAYBREAK_ALLOW_PRIVATE_ADDRESSES),
    ).toBe(true);
    expect(errorMessage(() => allow('sometimes'))).toMatch(/DAYBREAK_ALLOW_PRIVATE_ADDRESSES:/);
  });
});
