import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { readBody } from './http';

/** The subscribe Lambda's entry point, as the local server calls it. */
export type HttpApiHandler = (event: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway refuses larger payloads itself (its limit is 10 MB; locally 1 MB is plenty). */
const MAX_LOCAL_BODY = 1024 * 1024;

/**
 * The local stack's web server: every request becomes an HTTP API (payload 2.0) event for the
 * subscribe handler that runs in AWS, which serves the form, confirm, unsubscribe, preferences and
 * the archive.
 */
export function webApp(handler: HttpApiHandler) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    let body: Buffer;
    try {
      body = await readBody(request, MAX_LOCAL_BODY);
    } catch {
      return page(response, 413, 'Request too large', '<p>The request body is too large.</p>');
    }
    let result: APIGatewayProxyStructuredResultV2;
    try {
      result = await handler(httpApiEvent(request, body));
    } catch (error) {
      // What API Gateway answers when the Lambda itself fails.
      process.stderr.write(
        `daybreak: subscribe handler failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return page(response, 503, 'Service unavailable', '<p>Please try again in a moment.</p>');
    }
    const headers = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]),
    );
    response
      .writeHead(result.statusCode ?? 200, headers)
      .end(
        request.method === 'HEAD'
          ? undefined
          : Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8'),
      );
  };
}

/** A Node request as API Gateway's HTTP API hands it to Lambda (payload format 2.0). */
export function httpApiEvent(request: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const headers = Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(',') : value]],
    ),
  );
  const method = request.method ?? 'GET';
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    body: body.length > 0 ? body.toString('base64') : undefined,
    isBase64Encoded: body.length > 0,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: crypto.randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
  };
}

function page(response: ServerResponse, status: number, title: string, body: string): void {
  response
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
    })
    .end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem"><h1>${title}</h1>${body}</body></html>`,
    );
}
