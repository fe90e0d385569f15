import { randomUUID } from 'node:crypto';
import { closeServer, readBody, serveLocal } from './http';

export interface RateLimitedSes {
  endpoint: string;
  /** Messages accepted, per recipient address (the To header of the raw message). */
  accepted: Map<string, number>;
  /** Arrival times (ms, performance.now()) of the accepted messages. */
  acceptedAt: number[];
  throttled: number;
  close(): Promise<void>;
}

/**
 * An SES v1 endpoint that keeps SES's own rule: above `rate` messages a second it answers
 * SendRawEmail with `Throttling` ("Maximum sending rate exceeded."), as SES does. It allows a
 * burst of a tenth of a second's worth, so senders must pace themselves, not just average out.
 * It keeps no message, only who got how many, so a long run stays light.
 */
export async function startRateLimitedSes(rate: number): Promise<RateLimitedSes> {
  const capacity = Math.max(1, rate / 10);
  const bucket = { tokens: capacity, last: performance.now() };
  const accepted = new Map<string, number>();
  const acceptedAt: number[] = [];
  let throttled = 0;
  const server = await serveLocal(async (request, response) => {
    if (request.method === 'GET' && request.url === '/stats') {
      // For a client in another process (the send bench keeps the stand-ins off its own core).
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(sesStats(accepted, acceptedAt, throttled)));
      return;
    }
    const form = new URLSearchParams((await readBody(request)).toString('utf8'));
    const xml = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'text/xml' });
      response.end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
    };
    if (form.get('Action') !== 'SendRawEmail')
      return xml(400, error('InvalidAction', `${form.get('Action')} is not supported here`));
    const now = performance.now();
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.last) / 1000) * rate);
    bucket.last = now;
    if (bucket.tokens < 1) {
      throttled++;
      return xml(400, error('Throttling', 'Maximum sending rate exceeded.'));
    }
    bucket.tokens -= 1;
    const raw = Buffer.from(form.get('RawMessage.Data') ?? '', 'base64').toString('utf8');
    const to = /^To: (?:.*<)?([^\s<>]+@[^\s<>]+?)>?\r?$/m.exec(raw)?.[1] ?? '(none)';
    accepted.set(to, (accepted.get(to) ?? 0) + 1);
    acceptedAt.push(now);
    xml(
      200,
      `<SendRawEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendRawEmailResult><MessageId>${randomUUID()}</MessageId></SendRawEmailResult></SendRawEmailResponse>`,
    );
  });
  return {
    endpoint: server.url,
    accepted,
    acceptedAt,
    get throttled() {
      return throttled;
    },
    close: () => closeServer(server.server),
  };
}

const error = (code: string, message: string) =>
  `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;

export interface SesStats {
  /** Distinct recipients who got a message. */
  recipients: number;
  /** Messages beyond the first to the same recipient. */
  duplicates: number;
  throttled: number;
  /** Messages accepted a second, from the first to the last. */
  rate: number;
}

export function sesStats(accepted: Map<string, number>, acceptedAt: number[], throttled: number): SesStats {
  const span = ((acceptedAt[acceptedAt.length - 1] ?? 0) - (acceptedAt[0] ?? 0)) / 1000;
  return {
    recipients: accepted.size,
    duplicates: [...accepted.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
    throttled,
    rate: acceptedAt.length > 1 && span > 0 ? (acceptedAt.length - 1) / span : 0,
  };
}
