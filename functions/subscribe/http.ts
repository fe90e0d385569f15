import { createHash } from 'node:crypto';
import { type Brand, DEFAULT_BRAND } from '../core/daybreak-config';

/** A request as the subscribe routes see it: already decoded from the HTTP API event. */
export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
  sourceIp: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Forms carry an address and a few checkboxes: anything much larger is not a person typing. */
export const MAX_BODY_BYTES = 8 * 1024;

/** Thrown by the routes for the client's mistakes; the router turns it into a 4xx page or JSON. */
export class ClientError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export const PAGE_CSS = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#57606a;--bg:#fff;--accent:#0b57d0;--error:#b3261e;--field:#fff;--border:#8c959f}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--muted:#a8adb5;--bg:#16181d;--accent:#8ab4f8;--error:#f2b8b5;--field:#1f2228;--border:#6e7681}}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.75rem;line-height:1.2;margin:0 0 .5rem}
p{margin:.5rem 0 1rem}
.muted{color:var(--muted);font-size:.9375rem}
label,legend{font-weight:600;display:block;margin:0 0 .25rem}
fieldset{border:1px solid var(--border);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
fieldset label{font-weight:400;display:flex;gap:.5rem;align-items:center;min-height:2.75rem}
input[type=email]{width:100%;font:inherit;padding:.625rem .75rem;min-height:2.75rem;border:1px solid var(--border);border-radius:.5rem;background:var(--field);color:var(--fg)}
input[type=checkbox]{width:1.25rem;height:1.25rem;margin:0}
input[aria-invalid=true]{border-color:var(--error);border-width:2px}
button{font:inherit;font-weight:600;padding:.625rem 1.25rem;min-height:2.75rem;border:0;border-radius:.5rem;background:var(--accent);color:var(--bg);cursor:pointer}
button.secondary{background:transparent;color:var(--accent);border:1px solid var(--accent)}
button.danger{background:var(--error)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.error{color:var(--error);font-weight:600;margin:.25rem 0 0}
.summary{border:2px solid var(--error);border-radius:.5rem;padding:.5rem 1rem;margin:0 0 1rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.5rem 0}
a{color:var(--accent)}
.archive{list-style:none;padding:0;margin:1rem 0}
.archive>li{margin:0 0 1.25rem}
.archive>li>a{font-weight:600}
.masthead{margin:0 0 1rem;border-top:.25rem solid var(--accent);padding-top:.75rem}
.masthead h1{margin:0}
.masthead img{display:block;max-width:100%;height:auto}
.tagline{color:var(--muted);font-size:1.125rem;margin:.25rem 0 0}
.headlines{margin:.25rem 0 0;padding-left:1.25rem;color:var(--muted)}
`;

/** The pages' stylesheet in the brand's accent colours (validated `#rrggbb`, contrast-checked). */
export function pageCss(brand: Brand = DEFAULT_BRAND): string {
  return `${PAGE_CSS}:root{--accent:${brand.accent}}\n@media (prefers-color-scheme:dark){:root{--accent:${brand.accentDark}}}\n`;
}

/** A page as rendered: its HTML and the one stylesheet it carries, which the CSP allows by hash. */
export interface RenderedPage {
  html: string;
  css: string;
  /** Where the page's images may come from besides this site (the brand's logo). */
  imageOrigin?: string;
}

const hashOf = (css: string) => createHash('sha256').update(css).digest('base64');

/**
 * Every page: no script at all, its one stylesheet allowed by its hash, images from here (and the
 * logo's origin), forms posting only here, never framed. The archive page shows an email's own
 * inline styles and remote images.
 */
export function securityHeaders(
  kind: 'page' | 'archive' | 'data' = 'page',
  page: Pick<RenderedPage, 'css' | 'imageOrigin'> = { css: pageCss() },
): Record<string, string> {
  const images = page.imageOrigin ? `'self' ${page.imageOrigin}` : "'self'";
  const csp =
    kind === 'archive'
      ? "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
      : `default-src 'none'; style-src 'sha256-${hashOf(page.css)}'; img-src ${images}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'interest-cohort=()',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    // Pages carry tokens in their URLs and personal data: no cache keeps them.
    'cache-control': 'no-store',
  };
}

export function wantsJson(request: HttpRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /application\/json/i.test(accept) && !/text\/html/i.test(accept);
}

export function html(status: number, page: RenderedPage, extra: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { ...securityHeaders('page', page), 'content-type': 'text/html; charset=utf-8', ...extra },
    body: page.html,
  };
}

export function json(status: number, value: unknown, extra: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { ...securityHeaders('data'), 'content-type': 'application/json; charset=utf-8', ...extra },
    body: JSON.stringify(value),
  };
}

export type FormFields = Map<string, string[]>;

/**
 * Reads a form post: urlencoded, or JSON where `allowJson` (the API). Anything else, an oversized
 * body or unreadable JSON is the client's mistake.
 */
export function readForm(request: HttpRequest, allowJson: boolean): FormFields {
  if (request.body.length > MAX_BODY_BYTES)
    throw new ClientError(413, 'Too much data', `The request body is over ${MAX_BODY_BYTES} bytes.`);
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = request.body.toString('utf8');
  if (type === 'application/x-www-form-urlencoded' || (type === '' && text === '')) {
    const fields: FormFields = new Map();
    for (const [name, value] of new URLSearchParams(text)) fields.set(name, [...(fields.get(name) ?? []), value]);
    return fields;
  }
  if (type === 'application/json' && allowJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ClientError(400, 'Unreadable request', 'The request body is not valid JSON.');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new ClientError(400, 'Unreadable request', 'The request body must be a JSON object.');
    const fields: FormFields = new Map();
    for (const [name, value] of Object.entries(parsed)) {
      const values = Array.isArray(value) ? value : [value];
      if (!values.every((v) => typeof v === 'string'))
        throw new ClientError(400, 'Unreadable request', `The field "${name}" must be text or a list of texts.`);
      fields.set(name, values as string[]);
    }
    return fields;
  }
  const accepted = allowJson
    ? 'application/x-www-form-urlencoded or application/json'
    : 'application/x-www-form-urlencoded';
  throw new ClientError(415, 'Unsupported content type', `Send the form as ${accepted}.`);
}
