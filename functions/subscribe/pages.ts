import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir } from '../mail/templates';
import { PAGE_CSS } from './http';

/** Server-rendered pages from `templates/pages/*.hbs`; Handlebars escapes every value. */
type PageName = 'form' | 'message' | 'confirm' | 'unsubscribe' | 'preferences' | 'archive-index';

const compiled = new Map<string, HandlebarsTemplateDelegate>();
const handlebars = Handlebars.create();

function template(name: string): HandlebarsTemplateDelegate {
  let found = compiled.get(name);
  if (!found) {
    const file = path.join(templatesDir(), 'pages', `${name}.hbs`);
    if (!existsSync(file)) throw new Error(`page template ${file} not found`);
    found = handlebars.compile(readFileSync(file, 'utf8'), { strict: false });
    compiled.set(name, found);
  }
  return found;
}

export function renderPage(name: PageName, title: string, view: object, hasErrors = false): string {
  return template('layout')({ title, css: PAGE_CSS, hasErrors, content: template(name)(view) });
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
