/** The article described by a page's JSON-LD (schema.org NewsArticle and kin). */

type Loose = Record<string, unknown>;

/** What Daybreak reads from a JSON-LD article; every field is raw text, cleaned by the caller. */
export interface LdArticle {
  headline?: string;
  description?: string;
  authors: string[];
  datePublished?: string;
  dateModified?: string;
  image?: string;
  imageCredit?: string;
  dateline?: string;
  sourceOrganization?: string;
  articleBody?: string;
}

const ARTICLE_TYPE = /Article|BlogPosting/;

const rec = (value: unknown): Loose =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {};
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
/** A name, whether given as a string or as a Thing with a name. */
const nameOf = (value: unknown): string | undefined => text(value) ?? text(rec(value).name);

/** The first NewsArticle-like object in the page's JSON-LD blocks (top level, arrays, @graph, mainEntity). */
export function ldArticle(document: Document): LdArticle {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(unwrapped(script.textContent ?? ''));
    } catch {
      continue; // One broken block (common: trailing commas, raw newlines) must not hide the others.
    }
    const candidates = list(data).flatMap((item) => [item, ...list(rec(item)['@graph']), rec(item).mainEntity]);
    const article = candidates.map(rec).find((c) => ARTICLE_TYPE.test(String(c['@type'] ?? '')));
    if (article) return readArticle(article);
  }
  return { authors: [] };
}

/** The JSON inside the wrappers pages put around scripts for old parsers: `<![CDATA[ ... ]]>` (often behind `//`) and `<!-- ... -->`. */
function unwrapped(script: string): string {
  return script
    .trim()
    .replace(/^(?:\/\/\s*|\/\*\s*)?(?:<!\[CDATA\[|<!--)(?:\s*\*\/)?/, '')
    .replace(/(?:\/\/\s*|\/\*\s*)?(?:\]\]>|-->)(?:\s*\*\/)?$/, '');
}

function readArticle(article: Loose): LdArticle {
  const image = list(article.image)[0];
  return {
    headline: text(article.headline) ?? text(article.name),
    description: text(article.description),
    authors: list(article.author)
      .map(nameOf)
      .filter((name): name is string => name !== undefined),
    datePublished: text(article.datePublished) ?? text(article.dateCreated),
    dateModified: text(article.dateModified),
    image: text(image) ?? text(rec(image).url) ?? text(rec(image).contentUrl),
    imageCredit: text(rec(image).creditText) ?? nameOf(rec(image).copyrightHolder) ?? nameOf(rec(image).author),
    dateline: text(article.dateline) ?? nameOf(article.locationCreated) ?? nameOf(article.contentLocation),
    sourceOrganization: nameOf(article.sourceOrganization) ?? nameOf(article.provider),
    articleBody: text(article.articleBody),
  };
}
