import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesLocal from 'aws-ses-v2-local';
import { closeServer, readBody, serveLocal } from './http';

export interface LocalSes {
  /** Where the SDK sends SES calls: the recorder, which hands every call on to aws-ses-v2-local. */
  endpoint: string;
  /** aws-ses-v2-local's web inbox. */
  inboxUrl: string;
  outboxDir: string;
  close(): Promise<void>;
}

export interface LocalSesOptions {
  /**
   * Hand a copy of each message to aws-ses-v2-local for its web inbox (the default). A one-shot
   * run that nobody browses leaves it out: parsing every message there costs as much as sending it.
   */
  inbox?: boolean;
  /** The web inbox's port (0: any free one). */
  inboxPort?: number;
}

/**
 * SES stand-in: a recorder in front of aws-ses-v2-local. aws-ses-v2-local keeps only the parsed
 * parts of a raw message, so the recorder is what accepts SendRawEmail: it writes the message byte
 * for byte to `<outbox>/<n>.eml`, then answers with a message id, as SES accepts a message before it
 * answers. An .eml in the outbox is therefore exactly "SES accepted it", whether or not the sender
 * lived to hear the answer. A copy goes on to aws-ses-v2-local's web inbox afterwards, off the
 * sender's path; every other call is handed on unchanged.
 */
export async function startSes(outboxDir: string, options: LocalSesOptions = {}): Promise<LocalSes> {
  const inboxPort = options.inboxPort ?? 0;
  mkdirSync(outboxDir, { recursive: true });
  const ses: Server = await sesLocal({ host: '127.0.0.1', port: inboxPort });
  const sesUrl = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
  let next = readdirSync(outboxDir).filter((f) => /^\d+\.eml$/.test(f)).length;
  const forward = async (request: { method?: string; url?: string; headers: Record<string, unknown> }, body: Buffer) =>
    fetch(`${sesUrl}${request.url ?? '/'}`, {
      method: request.method,
      headers: Object.fromEntries(
        Object.entries(request.headers).flatMap(([k, v]) =>
          typeof v === 'string' && k !== 'host' && k !== 'content-length' ? [[k, v]] : [],
        ),
      ),
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(body),
    });
  // The inbox copies, one at a time, after the answers: the web inbox lags a little, the sender never waits.
  let inboxCopies: Promise<unknown> = Promise.resolve();

  const recorder = await serveLocal(async (request, response) => {
    try {
      const body = await readBody(request);
      if (request.method === 'POST') {
        const form = new URLSearchParams(body.toString('utf8'));
        if (form.get('Action') === 'GetSendQuota') {
          // aws-ses-v2-local has no GetSendQuota (and would hang): answer as an account out of the sandbox.
          response.writeHead(200, { 'content-type': 'text/xml' });
          response.end(SEND_QUOTA);
          return;
        }
        const raw = form.get('Action') === 'SendRawEmail' ? form.get('RawMessage.Data') : null;
        if (raw) {
          // Written whole or not at all: a process killed mid-write must not leave a truncated "accepted" message.
          const file = path.join(outboxDir, `${++next}.eml`);
          writeFileSync(`${file}.partial`, Buffer.from(raw, 'base64'));
          renameSync(`${file}.partial`, file);
          response.writeHead(200, { 'content-type': 'text/xml' });
          response.end(sendRawEmailAnswer(`local-${next}-${randomUUID()}`));
          if (options.inbox !== false) {
            const copy = { method: request.method, url: request.url, headers: request.headers };
            inboxCopies = inboxCopies.then(() => forward(copy, body)).catch(() => undefined);
          }
          return;
        }
      }
      const answer = await forward(request, body);
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
      response.end(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`SES recorder: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  return {
    endpoint: recorder.url,
    inboxUrl: sesUrl,
    outboxDir,
    close: async () => {
      await closeServer(recorder.server);
      await inboxCopies;
      await closeServer(ses);
    },
  };
}

const sendRawEmailAnswer = (messageId: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><SendRawEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendRawEmailResult><MessageId>${messageId}</MessageId></SendRawEmailResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></SendRawEmailResponse>`;

const SEND_QUOTA = `<?xml version="1.0" encoding="UTF-8"?><GetSendQuotaResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><GetSendQuotaResult><SentLast24Hours>0</SentLast24Hours><Max24HourSend>1000000</Max24HourSend><MaxSendRate>1000</MaxSendRate></GetSendQuotaResult><ResponseMetadata><RequestId>local</RequestId></ResponseMetadata></GetSendQuotaResponse>`;
