import { parseDaybreakConfig } from '../../../functions/core/daybreak-config';
import { configOverrides, loadConfigFile } from '../../../functions/core/load-config-file';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../../helpers/errors';

describe('the configuration file', () => {
  it('the shipped config/daybreak.json is valid', () => {
    const config = loadConfigFile(path.join(__dirname, '../../../config/daybreak.json'));
    expect(config.editions.length).toBeGreaterThan(0);
  });

  it('names the field at fault, with its index', () => {
    const bad = {
      sender: { address: 'not-an-address' },
      publicUrl: 'http://insecure.example.com',
      editions: [{ id: 'Global Edition', title: 'D', sendAt: '7am', timezone: 'Mars/Olympus' }],
      sources: [
        { name: 'ok', url: 'https://ok.example/feed' },
        { name: 'bad', url: 'javascript:alert(1)', edition: 'nowhere' },
      ],
    };
    const message = errorMessage(() => parseDaybreakConfig(bad));
    expect(message).toMatch(/sender\.address: expected an email address/);
    expect(message).toMatch(/publicUrl: expected an https URL/);
    expect(message).toMatch(/editions\[0\]\.id: expected lower-case letters/);
    expect(message).toMatch(/editions\[0\]\.sendAt: expected a local time as HH:MM/);
    expect(message).toMatch(/editions\[0\]\.timezone: expected an IANA time zone/);
    expect(message).toMatch(/sources\[1\] "bad"\.url: expected an http\(s\) URL/);
    expect(message).toMatch(
      /sources\[1\] "bad"\.edition: source "bad" names edition "nowhere", which is not configured/,
    );
  });

  it('gives the form’s abuse limits defaults, and takes an operator’s own within bounds', () => {
    const file = path.join(__dirname, '../../../config/daybreak.json');
    expect(loadConfigFile(file).signups).toEqual({ perNetworkPerHour: 20, confirmationsPerAddressPerHour: 3 });
    expect(loadConfigFile(file, { 'signups.perNetworkPerHour': '500' }).signups.perNetworkPerHour).toBe(500);
    expect(errorMessage(() => loadConfigFile(file, { 'signups.perNetworkPerHour': '0' }))).toMatch(
      /signups\.perNetworkPerHour: /,
    );
  });

  describe('refuses what it would otherwise misread', () => {
    const file = path.join(__dirname, '../../../config/daybreak.json');
    const base = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
      ses: object;
      editions: object[];
      sources: object[];
    };

    it('an unknown key, with its path and the nearest known key', () => {
      const message = errorMessage(() =>
        parseDaybreakConfig({ ...base, ses: { ...base.ses, maxSendrate: 50 }, retentionDay: 7 }),
      );
      expect(message).toMatch(/ses\.maxSendrate: unknown key \(did you mean "maxSendRate"\?\)/);
      expect(message).toMatch(/retentionDay: unknown key \(did you mean "retentionDays"\?\)/);
      expect(
        errorMessage(() => parseDaybreakConfig({ ...base, sources: [{ ...base.sources[0], catgory: 'x' }] })),
      ).toMatch(/sources\[0\] "[^"]+"\.catgory: unknown key \(did you mean "category"\?\)/);
      expect(errorMessage(() => parseDaybreakConfig({ ...base, colour: 'red' }))).toMatch(
        /colour: unknown key \(expected one of: sender, publicUrl, /,
      );
    });

    it('two editions with one id', () => {
      expect(
        errorMessage(() => parseDaybreakConfig({ ...base, editions: [base.editions[0], base.editions[0]] })),
      ).toMatch(/editions\[1\]\.id: two editions have the id "global"/);
    });

    it.each(['Daybreak\r\nBcc: all@example.com', 'Daybreak\nX', 'Day\u0000break'])(
      'a sender name or edition title that would break a mail header (%j)',
      (text) => {
        const message = errorMessage(() =>
          parseDaybreakConfig({
            ...base,
            sender: { address: 'digest@news.example.com', name: text },
            editions: [{ ...base.editions[0], title: text }],
          }),
        );
        expect(message).toMatch(/sender\.name: must not contain line breaks/);
        expect(message).toMatch(/editions\[0\]\.title: must not contain line breaks/);
        expect(message.split('\n')).toHaveLength(3);
      },
    );

    it('takes every section of the configuration from -c, signups included', () => {
      const overrides = configOverrides({ 'signups.perNetworkPerHour': '500', 'ses.senders': '4' });
      expect(loadConfigFile(file, overrides).signups.perNetworkPerHour).toBe(500);
      expect(errorMessage(() => loadConfigFile(file, configOverrides({ 'ses.maxSendrate': '5' })))).toMatch(
        /with -c ses\.maxSendrate is invalid:\nses\.maxSendrate: unknown key \(did you mean "maxSendRate"\?\)/,
      );
    });
  });

  it('refuses private addresses to the collector unless fetch.allowPrivateAddresses says otherwise', () => {
    const file = path.join(__dirname, '../../../config/daybreak.json');
    expect(loadConfigFile(file).fetch).toEqual({ allowPrivateAddresses: false });
    expect(loadConfigFile(file, { 'fetch.allowPrivateAddresses': 'true' }).fetch.allowPrivateAddresses).toBe(true);
    expect(errorMessage(() => loadConfigFile(file, { 'fetch.allowPrivateAddresses': '"yes"' }))).toMatch(
      /fetch\.allowPrivateAddresses: /,
    );
  });

  it('reports an unreadable or non-JSON file by name', () => {
    expect(() => loadConfigFile('/nonexistent/daybreak.json')).toThrow(
      /^cannot read configuration \/nonexistent\/daybreak.json: no such file or folder$/,
    );
    expect(() => loadConfigFile(path.join(__dirname, '../../fixtures/feeds/broken.xml'))).toThrow(/is not valid JSON/);
  });
});

describe('overriding the configuration from CDK context', () => {
  const file = path.join(__dirname, '../../../config/daybreak.json');

  it('sets dotted keys, reading numbers and lists as JSON, and ignores context that is not configuration', () => {
    const overrides = configOverrides({
      'sender.address': 'news@example.org',
      'ses.maxSendRate': '50',
      'cli-telemetry': false,
      config: 'x.json',
    });
    expect(Object.keys(overrides)).toEqual(['sender.address', 'ses.maxSendRate']);
    const config = loadConfigFile(file, overrides);
    expect(config.sender.address).toBe('news@example.org');
    expect(config.ses.maxSendRate).toBe(50);
  });

  it('names the overriding key and the field when an override is wrong', () => {
    const message = errorMessage(() => loadConfigFile(file, { 'ses.maxSendRate': 'fast' }));
    expect(message).toMatch(/with -c ses\.maxSendRate is invalid/);
    expect(message).toMatch(/ses\.maxSendRate: /);
  });
});
