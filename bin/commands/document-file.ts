import { readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { decodeBody } from '../../functions/collect/decode-text';
import { defaultFetchOptions } from '../../functions/collect/fetch-source';
import { fileProblem } from '../../functions/core/file-problem';

/**
 * A saved feed or page as text, read as the fetcher reads a response, so `daybreak feed FILE` and
 * `daybreak extract FILE` see what the collector would: gunzipped when the file is gzip (a
 * response saved with its Content-Encoding, as `curl` without `--compressed` leaves it), held to
 * the fetcher's size cap, and decoded by the one charset decoder. Throws a one-line reason.
 */
export async function readDocumentFile(file: string): Promise<string> {
  const bytes = await readCappedFile(file);
  return decodeBody(bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipCapped(file, bytes) : bytes, '');
}

const MAX_BYTES = defaultFetchOptions.maxBytes;

async function readCappedFile(file: string): Promise<Buffer> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    if (info.size > MAX_BYTES)
      throw new Error(
        `cannot read ${file}: ${info.size} bytes, over the ${MAX_BYTES}-byte cap that fetching applies too`,
      );
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${fileProblem(file, error)} (and not an http(s) URL)`);
    if (code) throw new Error(fileProblem(file, error));
    throw error;
  }
}

function gunzipCapped(file: string, bytes: Buffer): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_BYTES });
  } catch (error) {
    const tooLarge = error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new Error(
      tooLarge
        ? `cannot read ${file}: gzip that decompresses to over the ${MAX_BYTES}-byte cap that fetching applies too`
        : `cannot read ${file}: gzip that does not decompress (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
