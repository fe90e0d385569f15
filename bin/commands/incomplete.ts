/** What a digest run needs to say whether its editions went to everyone. */
interface EditionOutcome {
  date: string;
  edition: string;
  /** Active subscribers with no ledger item (known only where the run waited for the send). */
  missing?: number;
  busyShards?: number;
}

/**
 * Says on stderr which editions a run left incomplete (recipients missing from the ledger, or
 * shards another run still held) and what to do; the exit code is 1 when any is, else 0.
 */
export function incompleteExitCode(runs: EditionOutcome[]): number {
  let incomplete = 0;
  for (const run of runs) {
    const gaps = [
      ...(run.missing ? [`${run.missing} recipient(s) missing from the ledger`] : []),
      ...(run.busyShards ? [`${run.busyShards} shard(s) still held by another run`] : []),
    ];
    if (gaps.length === 0) continue;
    incomplete++;
    process.stderr.write(
      `daybreak: edition ${run.date}/${run.edition} is not complete: ${gaps.join(', ')}; run \`daybreak run digest --edition ${run.edition} --date ${run.date}\` again to send it to them\n`,
    );
  }
  return incomplete > 0 ? 1 : 0;
}
