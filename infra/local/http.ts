import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts an HTTP server on 127.0.0.1 (port 0 picks a free one) and returns its base URL. */
export async function listenLocal(server: Server, port = 0): Promise<string> {
  // A stand-in never closes an idle connection first (Node would after 5 s): the SDK's keep-alive agent
  // may be writing its next request on it just then, on a loaded machine most of all, and that request
  // fails with ECONNRESET, which the bulk sender must count as "unknown" (SES may have taken it).
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function serveLocal(listener: RequestListener, port = 0): Promise<{ url: string; server: Server }> {
  const server = createServer(listener);
  return { url: await listenLocal(server, port), server };
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function readBody(request: IncomingMessage, limit = 30 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
