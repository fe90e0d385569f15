import type { Identity } from './identity';
import { safe } from './templates';

/**
 * The brand and postal address as the mjml templates take them (header, footer, colours), every
 * operator string escaped: the one model the digest, its archive page and the confirmation share.
 */
export function identityModel(identity: Identity, site: { host: string; archiveIndexUrl: string }) {
  const { brand } = identity;
  return {
    brandName: safe(brand.name),
    tagline: brand.tagline ? safe(brand.tagline) : '',
    logo: brand.logo
      ? { url: safe(brand.logo.url), width: brand.logo.width, height: brand.logo.height, alt: safe(brand.logo.alt) }
      : undefined,
    accent: brand.accent,
    accentDark: brand.accentDark,
    postalAddress: safe(identity.postalAddress),
    siteHost: safe(site.host),
    pastEditionsUrl: safe(site.archiveIndexUrl),
  };
}

/** The host a reader signed up on, for "you subscribed at news.example.com". */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
