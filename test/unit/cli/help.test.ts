import { COMMAND_HELP, usageLine } from '../../../bin/help';
import { daybreak } from '../../helpers/cli';

describe('help where it is looked for', () => {
  it('a command called wrongly quotes the usage line its --help prints', async () => {
    const feed = await daybreak('feed');
    expect(feed.stderr).toContain(`(${usageLine('feed')}`);
    const report = await daybreak('report', 'extra', '--data', 'nowhere');
    expect(report.stderr).toBe(`daybreak: ${usageLine('report')}\n`);
    for (const command of ['feed', 'report'] as const)
      expect(`u${(await daybreak(command, '--help')).stdout.split('\n')[0]?.slice(1)}`).toBe(usageLine(command));
  });

  it.each(Object.keys(COMMAND_HELP))(
    '`daybreak %s --help`, `-h` and `daybreak help %s` print its usage and an example',
    async (command) => {
      for (const argv of [
        [command, '--help'],
        [command, '-h'],
        ['help', command],
        [command, 'x', '--help'],
      ]) {
        const { code, stdout } = await daybreak(...argv);
        expect(code).toBe(0);
        expect(stdout).toMatch(new RegExp(`^Usage: daybreak ${command} `));
        expect(stdout).toMatch(/Examples:\n {2}(npm|npx daybreak) /);
      }
    },
  );

  it('`daybreak --help` lists every command and exits 0; no command at all prints it to stderr and exits 1', async () => {
    const help = await daybreak('--help');
    expect(help.code).toBe(0);
    for (const command of Object.keys(COMMAND_HELP)) expect(help.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    const bare = await daybreak();
    expect(bare).toMatchObject({ code: 1, stdout: '' });
    expect(bare.stderr).toMatch(/^Usage: daybreak <command>/);
  });

  it('an unknown command says which, and suggests the nearest', async () => {
    expect((await daybreak('subscriber', 'list')).stderr).toBe(
      'daybreak: unknown command "subscriber" (did you mean `subscribers`?); `daybreak --help` lists the commands\n',
    );
    expect((await daybreak('help', 'previwe')).stderr).toMatch(/did you mean `preview`\?/);
    expect((await daybreak('frobnicate')).stderr).not.toMatch(/did you mean/);
  });

  it('an unknown option says which, and suggests the nearest of that command', async () => {
    expect(await daybreak('feed', 'f.xml', '--ur', 'https://example.com/')).toMatchObject({
      code: 1,
      stderr: 'daybreak: unknown option --ur (did you mean --url?); add --help for the options\n',
    });
    expect((await daybreak('extract', 'p.html', '--timezon', 'UTC')).stderr).toMatch(
      /unknown option --timezon \(did you mean --timezone\?\)/,
    );
    expect((await daybreak('feed', 'f.xml', '--colour')).stderr).toBe(
      'daybreak: unknown option --colour; add --help for the options\n',
    );
    expect((await daybreak('feed', 'f.xml', '--url')).stderr).toBe(
      'daybreak: --url needs a value; add --help for the usage\n',
    );
  });

  it('--help after `--` is an argument, not a request for help', async () => {
    const { stdout, stderr } = await daybreak('feed', '--', '--help');
    expect(stdout).not.toMatch(/^Usage/);
    expect(stderr).not.toBe('');
  });
});
