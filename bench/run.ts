import { benchBundles } from './bundles';
import { benchClicks } from './clicks';
import { benchCli } from './cli';
import { benchCollect } from './collect';
import { benchQuality } from './quality';
import { benchRender } from './render';
import { benchSend, benchSendLedger } from './send';

/** `npm run bench [-- name ...]`: JSON lines `{"bench","metric","value","unit"}`; ratios are measured within one run. */
const BENCHES: Record<string, () => Promise<void>> = {
  collect: benchCollect,
  render: benchRender,
  send: benchSend,
  'send-ledger': benchSendLedger,
  bundles: benchBundles,
  quality: benchQuality,
  cli: benchCli,
  clicks: benchClicks,
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`unknown bench "${name}" (known: ${Object.keys(BENCHES).join(', ')})`);
    await bench();
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
