import { timingSafeEqual } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import * as z from 'zod';
import { safeJson } from './data-folder';
import { readBody, serveLocal } from './http';

/**
 * The running stack's control endpoint, on 127.0.0.1: `run collect` and `run digest` beside a
 * running stack ask it to run the job, because the stack owns what the job needs besides the
 * table: the send queue and its consumer (a digest is done when the queue is drained), and the
 * one-at-a-time order of digests (two `run digest` at once: the second waits for the first).
 * Every request carries the token from `<data>/stack.json`, so a web page cannot drive it.
 */
export const DigestRequestSchema = z.object({
  date: z.string().optional(),
  edition: z.string().optional(),
  resume: z.boolean().optional(),
});
export type DigestRequest = z.infer<typeof DigestRequestSchema>;

export interface ControlJobs {
  collect(): Promise<unknown>;
  digest(request: DigestRequest): Promise<unknown>;
}

export async function serveControl(jobs: ControlJobs, token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  const served = await serveLocal(async (request, response) => {
    const reply = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const given = Buffer.from(String(request.headers.authorization ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return reply(401, { error: 'the token of <data>/stack.json is required' });
    try {
      const body = safeJson((await readBody(request, 64 * 1024)).toString('utf8'));
      if (request.method === 'POST' && request.url === '/run/collect') return reply(200, await jobs.collect());
      if (request.method === 'POST' && request.url === '/run/digest')
        return reply(200, await jobs.digest(DigestRequestSchema.parse(body ?? {})));
      return reply(404, { error: `no ${request.method} ${request.url}` });
    } catch (error) {
      return reply(500, { error: error instanceof Error ? error.message : String(error) });
    }
  });
  // A digest of many recipients takes minutes: no request timeout.
  served.server.requestTimeout = 0;
  return served;
}

/** Asks the running stack to run a job and returns its JSON reply; a failed job rejects with its message. */
export function callControl(
  url: string,
  token: string,
  job: 'collect' | 'digest',
  body: unknown = {},
): Promise<unknown> {
  // node:http, not fetch: fetch gives up on a reply that takes over five minutes, as a large send does.
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const call = httpRequest(
      `${url}/run/${job}`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (response) => {
        readBody(response)
          .then((raw) => {
            const reply = safeJson(raw.toString('utf8')) as { error?: string } | undefined;
            if (response.statusCode === 200) resolve(reply);
            else
              reject(new Error(`the running stack's ${job} failed: ${reply?.error ?? `HTTP ${response.statusCode}`}`));
          })
          .catch(reject);
      },
    );
    call.on('error', (error) =>
      reject(new Error(`the running stack does not answer at ${url} (${error.message}): is it still running?`)),
    );
    call.end(payload);
  });
}
