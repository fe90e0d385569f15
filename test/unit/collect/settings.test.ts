import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromEnvironment, loadSources, toEnvironment } from '../../../functions/collect/settings';
import { errorMessage } from '../../helpers/errors';

describe('the sources of the collect Lambda', () => {
  const source = { name: 'Wire', url: 'https://wire.example.com/rss', edition: 'global' };

  it('come from the file beside the bundle when the environment holds none', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sources-'));
    writeFileSync(path.join(dir, 'sources.json'), JSON.stringify([source]));
    expect(loadSources({ sources: undefined, sourcesFile: path.join(dir, 'sources.json') })).toEqual([
      { ...source, kind: 'auto', category: 'news', region: 'Global', timezone: 'UTC', weight: 1 },
    ]);
  });

  it('name the setting at fault when the file is missing or wrong', () => {
    expect(errorMessage(() => loadSources({ sources: undefined, sourcesFile: '/nope/sources.json' }))).toMatch(
      /DAYBREAK_SOURCES_FILE: cannot read \/nope\/sources.json/,
    );
    expect(errorMessage(() => loadSources({ sources: undefined, sourcesFile: undefined }))).toMatch(
      /DAYBREAK_SOURCES or DAYBREAK_SOURCES_FILE/,
    );
  });
});

describe('the collect Lambda and private addresses', () => {
  const env = {
    DAYBREAK_TABLE: 't',
    DAYBREAK_EDITIONS: JSON.stringify([{ id: 'global', title: 'Daybreak', sendAt: '07:00', timezone: 'Europe/Paris' }]),
  };

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
