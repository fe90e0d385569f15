import { DEFAULT_INBOX_PORT, scheduleLog, startOptions } from '../../../bin/commands/start';
import type { CollectSummary } from '../../../functions/collect/collect';
import type { EditionRun } from '../../../infra/local/local-stack';

describe('daybreak start: what the command line asks of the stack', () => {
  it('keeps the inbox on a stable port unless told another', () => {
    expect(startOptions([]).inboxPort).toBe(DEFAULT_INBOX_PORT);
    expect(startOptions(['--inbox-port', '8123']).inboxPort).toBe(8123);
    // A stack on any free port takes any free inbox port, so two of them never collide.
    expect(startOptions(['--port', '0']).inboxPort).toBe(0);
    expect(startOptions(['--port', '0', '--inbox-port', '8123']).inboxPort).toBe(8123);
  });

  it('refuses an inbox port that is not one, naming the value', () => {
    expect(() => startOptions(['--inbox-port', 'eighty'])).toThrow(
      '--inbox-port eighty: expected a port number (0 to 65535)',
    );
    expect(() => startOptions(['--inbox-port', '70000'])).toThrow('--inbox-port 70000');
  });

  it('collects the configured sources with --live-sources, the samples without', () => {
    expect(startOptions([]).sources).toBe('samples');
    expect(startOptions(['--live-sources']).sources).toBe('configured');
    expect(startOptions(['--live-sources', '--config', 'config/daybreak.json']).config.sources.length).toBeGreaterThan(
      0,
    );
  });
});

describe('a running stack’s log of its scheduled jobs', () => {
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
  });
  afterEach(() => jest.restoreAllMocks());

  it('writes one line per scheduled collect', () => {
    const summary = {
      items: { new: 4, updated: 1, unchanged: 7, skipped: 0 },
      failed: [{ source: 'Harbour Gazette', error: 'timed out', failures: 1 }],
    } as CollectSummary;
    scheduleLog().collected(summary);
    expect(lines).toEqual([
      expect.stringMatching(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d scheduled collect: 4 new, 1 updated, 7 unchanged articles; 1 source\(s\) failed \(Harbour Gazette\)\n$/,
      ),
    ]);
  });

  it('writes one line per scheduled send, naming each edition', () => {
    const run = { date: '2026-11-26', status: 'enqueued', recipients: 3, sent: 3, failed: 0, unknown: 0, missing: 0 };
    scheduleLog().digested([
      { ...run, edition: 'global' },
      { ...run, edition: 'india', sent: 2, failed: 1 },
    ] as EditionRun[]);
    expect(lines).toEqual([
      expect.stringMatching(
        /^\S+ \S+ scheduled send: 2026-11-26\/global sent 3 of 3 \(failed 0, unknown 0, missing 0\); 2026-11-26\/india sent 2 of 3 \(failed 1, unknown 0, missing 0\)\n$/,
      ),
    ]);
  });
});
