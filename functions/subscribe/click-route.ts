import { filterClick } from '../core/clicks/bot-filter';
import { hllUpdate } from '../core/clicks/hyperloglog';
import { publicUrls } from '../mail/public-urls';
import type { SubscribeDeps } from './deps';
import { ClientError, type HttpRequest, type HttpResponse } from './http';

/** `/c/<date>.<edition>/<link id>`: the only shape of a click link (functions/mail/click-links.ts). */
export const CLICK_PATH = /^\/c\/(\d{4}-\d{2}-\d{2})\.([a-z0-9-]{1,64})\/([0-9a-z]{1,6})$/;

const READER_ID = /^[A-Za-z0-9_-]{16,32}$/;

function redirect(location: string): HttpResponse {
  return {
    status: 302,
    // Never cached: each click is counted. The article learns only that the reader came from this site.
    headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'origin' },
    body: '',
  };
}

/**
 * One click on an edition's link. A link whose signature checks and whose id the edition's link
 * map knows answers 302 to the article (the address kept with the edition, never one from the
 * request) and counts one click; any other link of a configured edition goes to the edition's
 * page. No click is tied to anyone unless the edition was sent with per-subscriber tracking.
 */
export async function getClick(
  request: HttpRequest,
  deps: SubscribeDeps,
  match: RegExpExecArray,
): Promise<HttpResponse> {
  const [, date = '', edition = '', linkId = ''] = match;
  if (!deps.settings.editions.some((e) => e.id === edition))
    throw new ClientError(404, 'Page not found', 'There is no edition at this address.');
  const name = `${date}.${edition}`;
  const archivePage = publicUrls(deps.settings.publicUrl).archivePage(date, edition);
  const signature = request.query.get('s') ?? '';
  if (!deps.clicks || !deps.tokens.verifyClick(name, linkId, signature)) return redirect(archivePage);
  const link = (await deps.clicks.links(date, edition))?.[linkId];
  if (!link) return redirect(archivePage);
  const tracking = deps.settings.clickTracking ?? 'aggregate';
  if (tracking !== 'off') {
    const now = deps.clock();
    const delivered = Number(request.query.get('d') ?? '');
    // A HEAD request never shows anyone the article: scanners check links that way.
    const filtered =
      request.method === 'HEAD'
        ? 'agent'
        : filterClick({
            userAgent: request.headers['user-agent'] ?? '',
            deliveredAt: Number.isSafeInteger(delivered) && delivered > 0 ? new Date(delivered * 1000) : undefined,
            now,
            botSeconds: deps.settings.clickBotSeconds ?? 30,
          });
    const given = request.query.get('r') ?? '';
    const reader = tracking === 'per-subscriber' && READER_ID.test(given) ? given : undefined;
    // Without a reader id, a clicker is the day's address and agent, keyed and cut to a register: like Plausible's daily salt.
    const visitor =
      reader ?? `${now.toISOString().slice(0, 10)}:${request.sourceIp}:${request.headers['user-agent'] ?? ''}`;
    try {
      await deps.clicks.count({
        date,
        edition,
        linkId,
        at: now,
        filtered,
        unique: hllUpdate(deps.tokens.keyedDigest(`uniques:${name}`, visitor)),
        reader,
      });
      deps.recordClick?.(edition, filtered);
    } catch (error) {
      // The reader still gets the article; the lost count is logged.
      deps.log.error('click not counted', {
        edition: name,
        link: linkId,
        reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  }
  return redirect(link.url);
}
