import { randomBytes } from 'node:crypto';
import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { composeMail } from './compose';
import { MJML_OPTIONS } from './digest-view';
import { DEFAULT_IDENTITY, type Identity } from './identity';
import { hostOf, identityModel } from './identity-view';
import { publicUrls } from './public-urls';
import { mjmlTemplate, safe } from './templates';

export interface ConfirmationMail {
  from: string;
  to: string;
  confirmUrl: string;
  expiresAt: Date;
  /** Titles of the editions asked for. */
  editions: string[];
  configurationSet?: string;
  /** The brand and postal address the email wears. @default DEFAULT_IDENTITY (a placeholder address) */
  identity?: Identity;
  /** The site's origin: where the reader signed up, and the archive. @default the origin of `confirmUrl` */
  publicUrl?: string;
}

// Drawn once per process, so no edition title can spell them: they mark where each message's link and expiry go.
const nonce = randomBytes(16).toString('hex');
const CONFIRM_PLACEHOLDER = `daybreak-${nonce}-confirm`;
const EXPIRES_PLACEHOLDER = `daybreak-${nonce}-expires`;
// mjml takes tens of milliseconds; the HTML differs only by the editions asked for, so each
// combination is rendered once per process and the link filled in per message.
const rendered = new Map<string, Promise<string>>();

function listOf(titles: string[], brandName: string): string {
  return titles.length <= 1
    ? (titles[0] ?? brandName)
    : `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
}

async function confirmationHtml(editionTitles: string[], identity: Identity, publicUrl: string): Promise<string> {
  const key = JSON.stringify([editionTitles, identity, publicUrl]);
  let html = rendered.get(key);
  if (!html) {
    const view = {
      title: safe(identity.brand.name),
      editionList: safe(listOf(editionTitles, identity.brand.name)),
      confirmUrl: CONFIRM_PLACEHOLDER,
      expiresLabel: EXPIRES_PLACEHOLDER,
      confirmation: true,
      ...identityModel(identity, { host: hostOf(publicUrl), archiveIndexUrl: publicUrls(publicUrl).archiveIndex() }),
    };
    // Loaded on first use: mjml is most of the bundle, and the form's pages do not need it.
    html = import('mjml')
      .then(({ default: mjml2html }) => mjml2html(mjmlTemplate('confirmation')(view), MJML_OPTIONS))
      .then((result) => result.html);
    rendered.set(key, html);
  }
  return html;
}

/** Renders and composes the double opt-in email: HTML from templates/confirmation.mjml and a text part. */
export async function composeConfirmation(mail: ConfirmationMail): Promise<Buffer> {
  const expiresLabel = `${mail.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const identity = mail.identity ?? DEFAULT_IDENTITY;
  const publicUrl = mail.publicUrl ?? new URL(mail.confirmUrl).origin;
  const html = (await confirmationHtml(mail.editions, identity, publicUrl))
    .replaceAll(CONFIRM_PLACEHOLDER, mail.confirmUrl)
    .replaceAll(EXPIRES_PLACEHOLDER, expiresLabel);
  const text = [
    'Confirm your subscription',
    '',
    `Someone, we hope you, asked to receive ${listOf(mail.editions, identity.brand.name)} at this address.`,
    'Open this link to confirm:',
    '',
    mail.confirmUrl,
    '',
    `The link works once and expires on ${expiresLabel}.`,
    'If you did not ask for this, ignore this email: you will not hear from us again.',
    '',
    '--',
    `You receive this email because someone asked to subscribe this address at ${hostOf(publicUrl)}.`,
    `Past editions: ${publicUrls(publicUrl).archiveIndex()}`,
    `${identity.brand.name} · ${identity.postalAddress}`,
    '',
  ].join('\n');
  return composeMail(
    { from: mail.from, to: mail.to, subject: `Confirm your ${identity.brand.name} subscription`, text, html },
    // A transactional message: tells auto-responders not to answer it (RFC 3834).
    { 'Auto-Submitted': 'auto-generated' },
  );
}

export async function sendConfirmation(ses: SESClient, mail: ConfirmationMail): Promise<void> {
  const raw = await composeConfirmation(mail);
  await ses.send(
    new SendRawEmailCommand({
      RawMessage: { Data: raw },
      ConfigurationSetName: mail.configurationSet,
      Tags: [{ Name: 'kind', Value: 'confirmation' }],
    }),
  );
}
