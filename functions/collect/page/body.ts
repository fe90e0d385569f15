import { Readability } from '@mozilla/readability';
import { plainText } from '../normalize';
import { attempt, classWords, nestingDepth, outermost, textOf } from './dom';
import { isBoilerplate } from '../text/boilerplate';

/**
 * The story's text as plain paragraphs separated by blank lines. Everything that is not the story
 * goes first (menus, ads, share bars, tag boxes, trending and related lists, captions, the byline).
 * Where the page marks its story (itemprop=articleBody, an "article-body" class, the <article>
 * around the headline) that block is read; elsewhere @mozilla/readability finds it. Then
 * boilerplate lines (syndication disclaimers, "Advertisement", "Also read: ...") are dropped.
 * Both change the document, so call this last.
 */
export function extractBody(document: Document, notStory: Element[]): string {
  if (!document.documentElement) return '';
  const marked = storyContainers(document);
  const keep = (element: Element) =>
    element === document.documentElement ||
    element === document.body ||
    holdsTheStory(element) ||
    marked.some((block) => element.contains(block));
  for (const element of notStory) if (!keep(element)) attempt(() => element.remove(), undefined);
  removeNoise(document, keep);
  const fromMarked = marked.filter((block) => block.isConnected).flatMap(paragraphs);
  if (fromMarked.length) return fromMarked.join('\n\n');
  // Readability's scoring grows with the square of the nesting; real pages nest a few dozen levels.
  const readable =
    nestingDepth(document.documentElement) <= MAX_READABLE_DEPTH &&
    document.getElementsByTagName('*').length <= MAX_READABLE_ELEMENTS;
  const story = readable
    ? attempt(
        () =>
          new Readability<Node>(document, { disableJSONLD: true, serializer: (node) => node }).parse()?.content ??
          undefined,
        undefined,
      )
    : undefined;
  const found = story ? paragraphs(story) : [];
  return (
    found.length
      ? found
      : paragraphs(document.querySelector('article, main') ?? document.body ?? document.documentElement)
  ).join('\n\n');
}

const MAX_READABLE_DEPTH = 150;
const MAX_READABLE_ELEMENTS = 20000;

const STORY_CLASS = /(?:^|[\s_-])(?:article|story|entry|post)[-_]?(?:body|content|text)(?:$|[\s_-])/i;

/**
 * The blocks the page itself marks as its story, in document order. Many pages split a story into
 * several marked blocks (one per paragraph, or blocks between ads), and every one of them is the
 * story. The first is taken as the page marks it; later ones only when neither they nor a wrapper
 * of theirs sound like noise (a "related-post-content" teaser is marked like a story too).
 */
function storyContainers(document: Document): Element[] {
  const byItemprop = [...document.querySelectorAll('[itemprop~="articleBody"]')];
  const byClass = () =>
    [...document.querySelectorAll('body [class]')].filter((element) =>
      STORY_CLASS.test(element.getAttribute('class') ?? ''),
    );
  const found = outermost(byItemprop.length ? byItemprop : byClass());
  const [first, ...rest] = found;
  if (first) return [first, ...rest.filter((block) => !soundsLikeNoise(block))];
  const articles = [...document.querySelectorAll('article')];
  const article = articles.find((a) => a.querySelector('h1')) ?? (articles.length === 1 ? articles[0] : undefined);
  return article ? [article] : [];
}

/** Not <form> or <header>: ASP.NET wraps whole pages in a form, and some themes the story in a header-less "header". */
const ASIDE_ELEMENTS = 'aside, nav, footer, [role="complementary"], [role="navigation"]';

function soundsLikeNoise(element: Element): boolean {
  for (let at: Element | null = element; at && at.tagName !== 'BODY'; at = at.parentElement)
    if (classWords(at).some((word) => NOISE_WORDS.has(word)) || at.matches(ASIDE_ELEMENTS)) return true;
  return false;
}

/** Plain paragraphs from a text (JSON-LD articleBody), boilerplate dropped. */
export function paragraphsOfText(text: string): string {
  return (
    text
      .split(/\n\s*\n|\r?\n/)
      // plainText lets inline tags go without a trace ("<b>line</b>." reads "line.").
      .map(plainText)
      .filter((paragraph) => paragraph && !isBoilerplate(paragraph))
      .join('\n\n')
  );
}

const NOISE_ELEMENTS = [
  'script, style, noscript, template, iframe, object, embed, svg, canvas, video, audio, picture, figure, figcaption',
  'nav, header, footer, aside, form, button, select, input, textarea, dialog',
  '[role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"], [role="menu"], [role="menubar"], [role="dialog"]',
  '[hidden], [aria-hidden="true"]',
].join(', ');

/** Class and id words of blocks that are never the story (matched as whole words: "ad" not "head"). */
const NOISE_WORDS = new Set([
  ...[
    'ad',
    'ads',
    'adv',
    'advert',
    'adverts',
    'advertisement',
    'advertising',
    'adslot',
    'adunit',
    'adsense',
    'dfp',
    'sponsor',
    'sponsored',
    'promo',
    'promoted',
    'outbrain',
    'taboola',
  ],
  ...[
    'share',
    'sharing',
    'social',
    'newsletter',
    'subscribe',
    'subscription',
    'comments',
    'comment',
    'cookie',
    'modal',
    'popup',
    'toolbar',
  ],
  ...[
    'related',
    'recommended',
    'recommendations',
    'trending',
    'popular',
    'mostread',
    'breadcrumb',
    'breadcrumbs',
    'menu',
    'navbar',
    'sidebar',
    'widget',
    'masthead',
  ],
  ...[
    'disclaimer',
    'tags',
    'byline',
    'dateline',
    'caption',
    'credit',
    'teaser',
    'standfirst',
    'dek',
    'header',
    'footer',
  ],
]);

function removeNoise(document: Document, keep: (element: Element) => boolean): void {
  // Guarded too: ASP.NET pages wrap everything in one <form>, some themes the story in a "has-sidebar" div.
  for (const element of [...document.querySelectorAll(NOISE_ELEMENTS)])
    if (element.isConnected && !keep(element)) element.remove();
  for (const element of [...document.querySelectorAll('body [class], body [id]')]) {
    if (!element.isConnected || !classWords(element).some((word) => NOISE_WORDS.has(word))) continue;
    if (!keep(element)) element.remove();
  }
}

/** A wrapper named "main-content has-sidebar" must not take the story with it. */
function holdsTheStory(element: Element): boolean {
  if (element.querySelector('article, main, [itemprop~="articleBody"]')) return true;
  return [...element.querySelectorAll('p')].filter((p) => (p.textContent ?? '').length > 120).length >= 3;
}

const BLOCKS = 'p, h2, h3, h4, h5, h6, li, blockquote, pre, dd';

/** The text of the innermost blocks under `root`, one paragraph each. */
function paragraphs(root: Node): string[] {
  if (!('querySelectorAll' in root)) return [];
  const container = root as Element;
  // In document order a block's first inner block comes right after it, so one look ahead finds the innermost.
  const all = [...container.querySelectorAll(BLOCKS)];
  const blocks = all.filter((block, index) => !(all[index + 1] && block.contains(all[index + 1] as Element)));
  const texts = blocks.length ? blocks.map(textOf) : [textOf(container)];
  return texts.filter((text) => text && !isBoilerplate(text));
}
