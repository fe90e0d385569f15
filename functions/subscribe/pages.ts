import { type Brand, DEFAULT_BRAND } from '../core/daybreak-config';
import { pageTemplate } from '../mail/templates';
import { pageCss, type RenderedPage } from './http';

/** Server-rendered pages from `templates/pages/*.hbs`, loaded by the mail room's template loader. */
type PageName = 'form' | 'message' | 'confirm' | 'unsubscribe' | 'preferences' | 'archive-index';

export interface PageOptions {
  /** An error page or form: its title says so. */
  hasErrors?: boolean;
  /** The name, logo and accent colours the page wears. @default DEFAULT_BRAND */
  brand?: Brand;
}

export function renderPage(name: PageName, title: string, view: object, options: PageOptions = {}): RenderedPage {
  const brand = options.brand ?? DEFAULT_BRAND;
  const css = pageCss(brand);
  const html = pageTemplate('layout')({
    title,
    brandName: brand.name,
    css,
    hasErrors: options.hasErrors === true,
    content: pageTemplate(name)({ brand, ...view }),
  });
  return { html, css, ...(brand.logo ? { imageOrigin: new URL(brand.logo.url).origin } : {}) };
}

export interface MessageView {
  heading: string;
  paragraphs: string[];
  link?: { href: string; text: string };
  /** Further links, after `link`. */
  links?: { href: string; text: string }[];
  /** An error: announced at once by screen readers. */
  alert?: boolean;
}

export const messagePage = (view: MessageView, brand?: Brand): RenderedPage =>
  renderPage(
    'message',
    view.heading,
    { ...view, links: [...(view.link ? [view.link] : []), ...(view.links ?? [])] },
    { hasErrors: view.alert === true, brand },
  );

/** `ann@example.com` → `a••@example.com`: enough for the owner to recognise, little for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  return `${local.slice(0, 1)}${'•'.repeat(Math.min(Math.max(local.length - 1, 2), 6))}${email.slice(at)}`;
}
