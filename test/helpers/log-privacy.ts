import { createHash } from 'node:crypto';

/** Everything a function prints (Powertools writes its log lines and metrics to stdout), kept instead. */
export function captureOutput(): { text: () => string; restore: () => void } {
  const written: string[] = [];
  const keep = (chunk: unknown) => Boolean(written.push(String(chunk)));
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(keep);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(keep);
  return {
    text: () => written.join(''),
    restore: () => {
      stdout.mockRestore();
      stderr.mockRestore();
    },
  };
}

/** What an unkeyed hash of the address would look like in a log: SHA-256 hex, whole or cut, of it as given or lower-cased. */
export function unkeyedHashesOf(email: string): string[] {
  return [email, email.trim().toLowerCase()].flatMap((form) => {
    const hex = createHash('sha256').update(form).digest('hex');
    return [hex, hex.slice(0, 32), hex.slice(0, 16)];
  });
}

/** Fails when `output` holds the address (any case) or an unkeyed hash of it. */
export function expectNoTraceOf(output: string, email: string): void {
  expect(output.toLowerCase()).not.toContain(email.toLowerCase());
  for (const hash of unkeyedHashesOf(email)) expect(output).not.toContain(hash);
}

/** The JSON log lines (Powertools') of captured output, parsed. */
export function logLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
