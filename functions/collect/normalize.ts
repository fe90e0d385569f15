import { shortHash } from '../core/hash';
import { htmlText } from './text/html-text';

/**
 * Query parameters that only say how a reader arrived (campaigns, newsletters, share buttons, ad
 * clicks): they never choose the page, and left in they make one story many.
 */
const TRACKING_PARAMS =
  /^(?:utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|twclid|ttclid|igshid|li_fat_id|mc_cid|mc_eid|_hsenc|_hsmi|__hstc|__hssc|__hsfp|hsctatracking|mkt_tok|wt_mc|wt_zmc|wt\.mc_id|ocid|cmpid|cmp_id|icid|s_cid|s_kwcid|xtor|at_medium|at_campaign|at_source|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee|__twitter_impression|ref_src|ref_url|sr_share|spm|vero_id|oly_enc_id|oly_anon_id|rb_clickid|_ga|_gl)$/i;

/**
 * The canonical form of an article URL: absolute http(s), no fragment, no tracking parameters,
 * host lower-cased. The query is otherwise kept as written (`?item` stays `?item`, not `?item=`):
 * servers may read it literally. Returns undefined for anything that is not an http(s) URL.
 */
export function canonicalUrl(raw: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !TRACKING_PARAMS.test(parameterName(pair)));
  url.search = kept.length ? `?${kept.join('&')}` : '';
  return url.toString();
}

function parameterName(pair: string): string {
  const name = pair.split('=')[0] ?? '';
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** The host of a URL, with its port, in lower case (the text itself when it is no URL): a site's identity. */
export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host.toLowerCase() : url;
}

/** An article's identity: a short hash of its canonical URL. */
export const articleId = (canonical: string): string => shortHash(canonical);

/** Plain text from a fragment of HTML or text: tags dropped (inline ones without a trace), entities decoded, whitespace collapsed. */
export const plainText = (html: string | undefined): string => htmlText(html);

/** A parseable date as ISO 8601 (UTC), or undefined. */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Cuts text to at most `max` characters at a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // A cut must not leave a dangling comma or dash before the ellipsis.
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}
