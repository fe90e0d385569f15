/**
 * The one place that builds Daybreak's public URLs: the links in emails, on the archive page and
 * in the form's pages. The subscribe function's router serves these paths; change both together.
 */
export const PUBLIC_PATHS = {
  form: '/',
  subscribe: '/subscribe',
  confirm: '/confirm',
  unsubscribe: '/unsubscribe',
  preferences: '/preferences',
  archiveIndex: '/archive',
  clicks: '/c',
} as const;

export interface PublicUrls {
  /** The signup form. */
  form(): string;
  /** Where the signup form posts. */
  subscribe(): string;
  confirm(token: string): string;
  /** The unsubscribe page (GET) and RFC 8058 one-click endpoint (POST); without a token, a sample link for previews. */
  unsubscribe(token?: string): string;
  /** Without a token, a sample link for previews. */
  preferences(token?: string): string;
  /** One edition's page: "View in browser" and the archive's entries. */
  archivePage(date: string, edition: string): string;
  /** The list of past editions. */
  archiveIndex(): string;
  /**
   * A tracked link of an edition (`/c/<edition>/<link-id>`): reserved for click tracking, which no
   * email uses yet. `edition` names the edition as the click route will, e.g. `2026-11-26.global`.
   */
  click(edition: string, linkId: string): string;
}

/**
 * The URLs under `base`: the deployment's public URL for links in emails, or `''` for links
 * within the site (the form's pages and the archive page, served from that same origin).
 *
 * @example publicUrls('https://news.example.com').confirm('abc.def') // 'https://news.example.com/confirm?token=abc.def'
 * @example publicUrls('').archiveIndex() // '/archive'
 */
export function publicUrls(base: string): PublicUrls {
  const origin = base.replace(/\/+$/, '');
  const at = (path: string) => `${origin}${path}`;
  const withToken = (path: string, token?: string) =>
    token === undefined ? at(path) : `${at(path)}?token=${encodeURIComponent(token)}`;
  return {
    form: () => at(PUBLIC_PATHS.form),
    subscribe: () => at(PUBLIC_PATHS.subscribe),
    confirm: (token) => withToken(PUBLIC_PATHS.confirm, token),
    unsubscribe: (token) => withToken(PUBLIC_PATHS.unsubscribe, token),
    preferences: (token) => withToken(PUBLIC_PATHS.preferences, token),
    archivePage: (date, edition) =>
      at(`${PUBLIC_PATHS.archiveIndex}/${encodeURIComponent(date)}/${encodeURIComponent(edition)}`),
    archiveIndex: () => at(PUBLIC_PATHS.archiveIndex),
    click: (edition, linkId) =>
      at(`${PUBLIC_PATHS.clicks}/${encodeURIComponent(edition)}/${encodeURIComponent(linkId)}`),
  };
}

/** Links within the site: the form's pages and the archive page are served from the public URL's origin. */
export const sitePaths: PublicUrls = publicUrls('');
