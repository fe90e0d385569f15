import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './stand-ins';

interface Contract<S> {
  toEnvironment: (settings: S) => Record<string, string>;
  bundledFiles: (settings: S) => Record<string, string>;
}

/**
 * The environment a construct gives its function, with the files it ships beside the bundle written
 * to a folder of their own: each `*_FILE` variable names its file there, as the bundle's folder does in Lambda.
 */
export function deployedEnvironment<S>(contract: Contract<S>, settings: S): Record<string, string> {
  const dir = tempDir('bundled-files-');
  for (const [name, content] of Object.entries(contract.bundledFiles(settings)))
    writeFileSync(path.join(dir, name), content);
  return Object.fromEntries(
    Object.entries(contract.toEnvironment(settings)).map(([key, value]) => [
      key,
      key.endsWith('_FILE') ? path.join(dir, value) : value,
    ]),
  );
}
