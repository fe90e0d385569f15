import { pageTemplate } from '../mail/templates';
import { PAGE_CSS } from './http';

/** Server-rendered pages from `templates/pages/*.hbs`, loaded by the mail room's template loader. */
type PageName = 'form' | 'message' | 'confirm' | 'unsubscribe' | 'preferences' | 'archive-index';

export function renderPage(name: PageName, title: string, view: object, hasErrors = false): string {
  return pageTemplate('layout')({ title, css: PAGE_CSS, hasErrors, content: pageTemplate(name)(view) });
}

export interface MessageView {
  heading: string;
  paragraphs: string[];
  link?: { href: string; text: string };
  /** An error: announced at once by screen readers. */
  alert?: boolean;
}

export const messagePage = (view: MessageView): string =>
  renderPage('message', view.heading, view, view.alert === true);

/** `ann@example.com` → `a••@example.com`: enough for the owner to recognise, little for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  return `${local.slice(0, 1)}${'•'.repeat(Math.min(Math.max(local.length - 1, 2), 6))}${email.slice(at)}`;
}
