import { progressLine } from '../../../bin/commands/progress';

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('a progress line', () => {
  it('prints plain lines, at most one every 2 s, and the last state at the end, when stderr is not a terminal', () => {
    const out = sink(false);
    let now = 0;
    const line = progressLine('collect', out, () => now);
    line.update('sources fetched 1/3');
    now = 500;
    line.update('sources fetched 2/3');
    now = 900;
    line.update('sources fetched 3/3');
    line.done();
    expect(out.written).toEqual(['collect: sources fetched 1/3\n', 'collect: sources fetched 3/3\n']);
  });

  it('rewrites one line in place on a terminal and ends it once done', () => {
    const out = sink(true);
    let now = 0;
    const line = progressLine('import', out, () => now);
    line.update('rows done 0/2');
    now = 200;
    line.update('rows done 2/2');
    line.done();
    expect(out.written).toEqual(['\r\x1b[Kimport: rows done 0/2', '\r\x1b[Kimport: rows done 2/2', '\n']);
  });

  it('prints a message above the live line, which stays last', () => {
    const out = sink(true);
    const line = progressLine('import', out, () => 0);
    line.update('rows done 1/2');
    line.note('daybreak: x.csv:2: skipped\n');
    expect(out.written.slice(1).join('')).toBe('\r\x1b[Kdaybreak: x.csv:2: skipped\n\r\x1b[Kimport: rows done 1/2');
  });

  it('prints nothing for work that never reported', () => {
    const out = sink(true);
    progressLine('digest', out).done();
    expect(out.written).toEqual([]);
  });
});
