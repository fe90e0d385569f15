import { incompleteExitCode } from '../../../bin/commands/incomplete';

describe('incompleteExitCode', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  it('exits 0 and says nothing when every edition is complete', () => {
    expect(incompleteExitCode([{ date: '2026-12-02', edition: 'global', missing: 0, busyShards: 0 }])).toBe(0);
    expect(stderr).not.toHaveBeenCalled();
  });

  it('exits 1 and names the edition, its gaps and the rerun when recipients are missing or shards busy', () => {
    const code = incompleteExitCode([
      { date: '2026-12-02', edition: 'global', missing: 3, busyShards: 0 },
      { date: '2026-12-02', edition: 'asia', missing: 0, busyShards: 2 },
    ]);
    expect(code).toBe(1);
    const said = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(said).toContain('edition 2026-12-02/global is not complete: 3 recipient(s) missing from the ledger');
    expect(said).toContain('edition 2026-12-02/asia is not complete: 2 shard(s) still held by another run');
    expect(said).toContain('daybreak run digest --edition global --date 2026-12-02');
  });
});
