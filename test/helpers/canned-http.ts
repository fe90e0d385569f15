import { closeServer, readBody, serveLocal } from '../../infra/local/http';

/** An answer the canned server gives: a status and body, or the connection cut after the request arrived. */
export type CannedAnswer = { status: number; body: string; contentType?: string } | 'cut';

export interface CannedServer {
  endpoint: string;
  /** What each request carried, in order. */
  requests: { headers: Record<string, string | string[] | undefined>; body: string }[];
  close: () => Promise<void>;
}

/**
 * A local HTTP server that answers the nth request with the nth answer (the last one from then on):
 * an AWS service as seen from the client, for the answers a stand-in never gives (throttling, a
 * 5xx, a connection cut mid-call).
 */
export async function cannedServer(answers: CannedAnswer[]): Promise<CannedServer> {
  const requests: CannedServer['requests'] = [];
  const { url, server } = await serveLocal(async (request, response) => {
    const body = (await readBody(request)).toString('utf8');
    requests.push({ headers: request.headers, body });
    const answer = answers[Math.min(requests.length, answers.length) - 1] ?? 'cut';
    if (answer === 'cut') {
      request.socket.destroy();
      return;
    }
    response.writeHead(answer.status, { 'content-type': answer.contentType ?? 'text/xml' });
    response.end(answer.body);
  });
  return { endpoint: url, requests, close: () => closeServer(server) };
}

/** Runs `use` against a canned server, which is closed after, whatever `use` came to. */
export async function withCannedServer<T>(
  answers: CannedAnswer[],
  use: (server: CannedServer) => Promise<T>,
): Promise<T> {
  const server = await cannedServer(answers);
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}
