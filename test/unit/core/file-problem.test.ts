import { readFileSync } from 'node:fs';
import { fileProblem } from '../../../functions/core/file-problem';

const failure = (file: string) => {
  try {
    readFileSync(file);
  } catch (error) {
    return error;
  }
  throw new Error(`${file} was readable`);
};

describe('one wording for a file that cannot be used', () => {
  it('says what a missing file, a folder and a path through a file mean, never the raw code', () => {
    expect(fileProblem('no/such.json', failure('no/such.json'))).toBe(
      'cannot read no/such.json: no such file or folder',
    );
    expect(fileProblem(__dirname, failure(__dirname))).toBe(`cannot read ${__dirname}: it is a folder, not a file`);
    const throughFile = `${__filename}/x`;
    expect(fileProblem(throughFile, failure(throughFile))).toBe(
      `cannot read ${throughFile}: a part of the path is a file, not a folder`,
    );
  });
});
