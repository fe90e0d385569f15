import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  bundledJson,
  ConfigError,
  json,
  number,
  settingsContract,
  text,
} from '../../../functions/core/settings-contract';
import { errorMessage } from '../../helpers/errors';
import { tempDir } from '../../helpers/stand-ins';

const contract = settingsContract({
  table: text('DAYBREAK_TABLE', z.string().min(1)),
  queueUrl: text('DAYBREAK_SEND_QUEUE_URL', z.url()),
  retentionDays: number('DAYBREAK_RETENTION_DAYS', z.number().int().min(1).default(30)),
  editions: json('DAYBREAK_EDITIONS', z.array(z.object({ id: z.string(), maxStories: z.number().default(25) }))),
  sources: json('DAYBREAK_SOURCES', z.array(z.string()).optional()),
});

describe('a settings contract (a Lambda’s environment)', () => {
  it('reads and types the settings, with their defaults', () => {
    const settings = contract.fromEnvironment({
      DAYBREAK_TABLE: 't',
      DAYBREAK_SEND_QUEUE_URL: 'https://sqs.example.com/1/q',
      DAYBREAK_RETENTION_DAYS: '7',
      DAYBREAK_EDITIONS: JSON.stringify([{ id: 'global' }]),
    });
    expect(settings).toEqual({
      table: 't',
      queueUrl: 'https://sqs.example.com/1/q',
      retentionDays: 7,
      editions: [{ id: 'global', maxStories: 25 }],
      sources: undefined,
    });
    expect(
      contract.fromEnvironment({ ...contract.toEnvironment(settings), DAYBREAK_RETENTION_DAYS: undefined }),
    ).toEqual({ ...settings, retentionDays: 30 });
  });

  it('names each missing or wrong variable', () => {
    expect(() => contract.fromEnvironment({ DAYBREAK_SEND_QUEUE_URL: 'nope' })).toThrow(ConfigError);
    const message = errorMessage(() =>
      contract.fromEnvironment({
        DAYBREAK_SEND_QUEUE_URL: 'nope',
        DAYBREAK_RETENTION_DAYS: 'soon',
        DAYBREAK_EDITIONS: JSON.stringify([{ id: 7 }]),
        DAYBREAK_SOURCES: '[{',
      }),
    );
    expect(message).toMatch(/DAYBREAK_TABLE:/);
    expect(message).toMatch(/DAYBREAK_SEND_QUEUE_URL:/);
    expect(message).toMatch(/DAYBREAK_RETENTION_DAYS:/);
    expect(message).toMatch(/DAYBREAK_EDITIONS\[0\]\.id:/);
    expect(message).toMatch(/DAYBREAK_SOURCES: expected JSON/);
  });

  it('writes the environment a construct gives its function, leaving out what is unset', () => {
    expect(
      contract.toEnvironment({
        table: 'Token[TOKEN.1]',
        queueUrl: 'q',
        editions: [{ id: 'global' }],
        sources: undefined,
      }),
    ).toEqual({
      DAYBREAK_TABLE: 'Token[TOKEN.1]',
      DAYBREAK_SEND_QUEUE_URL: 'q',
      DAYBREAK_EDITIONS: '[{"id":"global"}]',
    });
    expect(
      contract.extend({ rate: number('DAYBREAK_RATE', z.number()) }).toEnvironment({
        table: 't',
        queueUrl: 'q',
        editions: [],
        rate: 1.5,
      }),
    ).toMatchObject({ DAYBREAK_TABLE: 't', DAYBREAK_RATE: '1.5' });
  });
});

describe('a bundled setting (a JSON file beside the bundle)', () => {
  const bundled = settingsContract({
    table: text('DAYBREAK_TABLE', z.string().min(1)),
    editions: bundledJson('DAYBREAK_EDITIONS_FILE', 'editions.json', z.array(z.object({ id: z.string() })).min(1)),
  });
  const dir = tempDir('bundled-setting-');
  /** Writes `content` as a file in the test's folder and returns its path. */
  const file = (name: string, content: string): string => {
    const at = path.join(dir, name);
    writeFileSync(at, content);
    return at;
  };

  it('puts only the file name in the environment, and the list in the file', () => {
    const settings = { table: 't', editions: [{ id: 'global' }, { id: 'asia' }] };
    expect(bundled.toEnvironment(settings)).toEqual({ DAYBREAK_TABLE: 't', DAYBREAK_EDITIONS_FILE: 'editions.json' });
    expect(bundled.bundledFiles(settings)).toEqual({ 'editions.json': JSON.stringify(settings.editions) });
  });

  it('reads the list back from the file the variable names', () => {
    const editions = file('editions.json', JSON.stringify([{ id: 'global' }]));
    expect(bundled.fromEnvironment({ DAYBREAK_TABLE: 't', DAYBREAK_EDITIONS_FILE: editions })).toEqual({
      table: 't',
      editions: [{ id: 'global' }],
    });
  });

  it('refuses a missing file, naming the variable and the file', () => {
    const missing = path.join(dir, 'nowhere.json');
    const message = errorMessage(() =>
      bundled.fromEnvironment({ DAYBREAK_TABLE: 't', DAYBREAK_EDITIONS_FILE: missing }),
    );
    expect(message).toContain(`DAYBREAK_EDITIONS_FILE (${missing}): cannot be read (ENOENT`);
  });

  it('refuses a file that is not JSON, or not the list, naming the file and the entry at fault', () => {
    const broken = file('broken.json', '[{"id": "global"');
    expect(
      errorMessage(() => bundled.fromEnvironment({ DAYBREAK_TABLE: 't', DAYBREAK_EDITIONS_FILE: broken })),
    ).toContain(`DAYBREAK_EDITIONS_FILE (${broken}): is not JSON (`);
    const wrong = file('wrong.json', JSON.stringify([{ id: 'global' }, { id: 7 }]));
    expect(errorMessage(() => bundled.fromEnvironment({ DAYBREAK_TABLE: 't', DAYBREAK_EDITIONS_FILE: wrong }))).toMatch(
      new RegExp(`^DAYBREAK_EDITIONS_FILE \\(${wrong.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\[1\\]\\.id: `, 'm'),
    );
    const empty = file('empty.json', '[]');
    expect(
      errorMessage(() => bundled.fromEnvironment({ DAYBREAK_TABLE: 't', DAYBREAK_EDITIONS_FILE: empty })),
    ).toContain(`DAYBREAK_EDITIONS_FILE (${empty}): `);
  });

  it('names the variable when the environment names no file', () => {
    expect(errorMessage(() => bundled.fromEnvironment({ DAYBREAK_TABLE: 't' }))).toMatch(/^DAYBREAK_EDITIONS_FILE: /m);
  });
});
