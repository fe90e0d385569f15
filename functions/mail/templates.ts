import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

/**
 * Finds `templates/`: beside the bundle in Lambda (copied there at bundling), or at the
 * repository root when run from source.
 */
export function templatesDir(): string {
  const candidates = [path.join(__dirname, 'templates'), path.resolve(__dirname, '../../templates')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'digest.mjml')));
  if (!found) throw new Error(`templates/digest.mjml not found (looked in ${candidates.join(', ')})`);
  return found;
}

export type CompiledTemplate = (view: object) => string;

const cache = new Map<string, CompiledTemplate>();

/** Compiles `templates/<name>.mjml` with every partial of `templates/partials/`, once per process. */
export function mjmlTemplate(name: string, dir = templatesDir()): CompiledTemplate {
  const key = `${dir}/${name}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const handlebars = Handlebars.create();
  const partialsDir = path.join(dir, 'partials');
  for (const file of existsSync(partialsDir) ? readdirSync(partialsDir) : []) {
    if (file.endsWith('.mjml'))
      handlebars.registerPartial(path.basename(file, '.mjml'), readFileSync(path.join(partialsDir, file), 'utf8'));
  }
  const template = handlebars.compile(readFileSync(path.join(dir, `${name}.mjml`), 'utf8'), {
    strict: false,
    noEscape: false,
  });
  const compiled: CompiledTemplate = (view) => template(view);
  cache.set(key, compiled);
  return compiled;
}

const pages = new Map<string, CompiledTemplate>();
const pageHandlebars = Handlebars.create();

/** Compiles `templates/pages/<name>.hbs` (the form's pages), once per process; Handlebars escapes every value. */
export function pageTemplate(name: string, dir = templatesDir()): CompiledTemplate {
  const file = path.join(dir, 'pages', `${name}.hbs`);
  let found = pages.get(file);
  if (!found) {
    if (!existsSync(file)) throw new Error(`page template ${file} not found`);
    const template = pageHandlebars.compile(readFileSync(file, 'utf8'), { strict: false });
    found = (view) => template(view);
    pages.set(file, found);
  }
  return found;
}

/**
 * Escapes text from sources for HTML. `%` is escaped too: editions rendered before personal
 * markers existed were personalized by `%%…%%` placeholders, and their pages stay consistent.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/%/g, '&#37;');
}

/** Marks already-escaped text as safe for Handlebars. */
export const safe = (text: string): Handlebars.SafeString => new Handlebars.SafeString(escapeHtml(text));
