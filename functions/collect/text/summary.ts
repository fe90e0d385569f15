import { clip } from '../normalize';
import { isBoilerplate } from './boilerplate';

/**
 * A digest summary: one or two sentences, about 160 to 280 characters, cut at a sentence (else a
 * word) boundary, without the boilerplate feeds append ("Continue reading…", "Related: …", "The
 * post … appeared first on …"). The text stays in the source's words and language.
 *
 * Sentences come from Intl.Segmenter (ICU's sentence rules: "U.S. officials", "3.5%", quotes and
 * CJK full stops are handled), with the common abbreviations ICU breaks after ("Mr.", "Dr.") mended.
 */

export const SUMMARY_MIN = 160;
export const SUMMARY_MAX = 280;
/** A reader takes in one or two sentences at a glance; a third is the article's job. */
export const SUMMARY_SENTENCES = 2;
/** A derived headline is one short sentence. */
export const HEADLINE_MAX = 110;

const READ_ON =
  '(?:continue reading|keep reading|read more|read the (?:full|whole|rest of the) (?:story|article|post)|read on|' +
  'full story|weiterlesen|mehr lesen|lire la suite|leia mais|continuar lendo|seguir leyendo|leer m[aá]s|continua a leggere|lees verder)';

/** Tails to cut: from the match to the end of the text. */
const BOILERPLATE_TAILS: RegExp[] = [
  /\s*\bThe (?:post|article|entry) .{1,300}? (?:appeared first on|first appeared on)\b[\s\S]*$/i,
  /\s*\b(?:Related|See also|Also read|Read also|Read more|More|Related (?:stories|articles|coverage)|Lees ook|Lire aussi|Leia também|Lesen Sie auch)\s*:[\s\S]*$/,
  /\s*(?:\[(?:…|\.\.\.|&hellip;)\]|\((?:more|continued)…?\))\s*$/i,
  // Reddit's line under every post: "submitted by /u/name to /r/food [link] [239 comments]".
  /\s*\bsubmitted by\s*\S+?\s*to\s*\S+\s*\[link\]\s*\[\d+ comments?\]\s*$/i,
];
/** Whole paragraphs that are never the story. */
const BOILERPLATE_PARAGRAPH =
  /^(?:advertisement|sponsored(?: content)?|photo|image|video|listen|share|comments?|\d+ comments?|via .{1,60})\s*[:.]?$/i;

/**
 * Where ICU ends a sentence too soon: abbreviations, initials ("z. B.", "J. K."), and the ordinals
 * of German and Nordic dates and centuries ("am 3. Oktober", "des 20. Jahrhunderts"). Mending a
 * real end ("rose to 12. Officials said") only makes one longer unit; a false end would cut a
 * summary, or make a headline, mid-sentence.
 */
const ABBREVIATION =
  /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Sra|Srta|Jr|Mme|Mlle|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Rev|Hon|Inc|Ltd|Co|Corp|vs|No|Nr|Vol|Fig|approx|ca|bzw|vgl|evtl|ggf|inkl|e\.g|i\.e|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Za-z]|\d{1,2})\.\s*$/;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
const ONE_ASCII_SENTENCE = /^[\x20\x22-\x2d\x2f-\x3e\x40-\x7e]*[\x20-\x7e]?$/;

/** The sentences of one paragraph, with breaks after abbreviations and initials mended. */
export function sentences(paragraph: string): string[] {
  // ICU ends a sentence only after . ! ? (or a line break): plain ASCII with none of them before its
  // last character is one sentence, and most feed summaries are one, so the segmenter is spared.
  if (ONE_ASCII_SENTENCE.test(paragraph)) return paragraph.trim() ? [paragraph.trim()] : [];
  const found: string[] = [];
  for (const { segment } of segmenter.segment(paragraph)) {
    const last = found.length - 1;
    if (last >= 0 && ABBREVIATION.test(found[last] ?? '')) found[last] = `${found[last]}${segment}`;
    else found.push(segment);
  }
  return found.map((sentence) => sentence.trim()).filter(Boolean);
}

/** The text without the boilerplate that feeds and pages wrap around a story. */
export function withoutBoilerplate(text: string): string {
  let cleaned = withoutReadOn(text);
  for (const tail of BOILERPLATE_TAILS) cleaned = cleaned.replace(tail, '');
  return cleaned.trim();
}

const READ_ON_TAIL = new RegExp(`[\\[(]?\\s*\\b${READ_ON}\\b.{0,80}$`, 'i');

/**
 * The text without a "Continue reading…" link at its end. The phrase counts only as a link's words:
 * capitalised, or after the end of a sentence; "pupils who read more than an hour" is the story.
 */
function withoutReadOn(text: string): string {
  const match = READ_ON_TAIL.exec(text);
  if (!match) return text;
  const before = text.slice(0, match.index).trimEnd();
  const first = match[0].replace(/^[[(\s]+/, '')[0] ?? '';
  const standsApart = before === '' || /[.!?…)\]»"”:|–—-]$/.test(before) || first !== first.toLowerCase();
  return standsApart ? before : text;
}

const ENDS_SENTENCE = /[.!?…。！？]["'”’»)\]]*$/;
/** A line that ends where it hands over to the next: a colon, semicolon, comma or dash. */
const LEADS_ON = /[:;,–—]$/;

/**
 * The summary of a text whose paragraphs are separated by line breaks.
 * @example summarize('Rates held. The bank said... Continue reading…') // 'Rates held. The bank said...'
 */
export function summarize(text: string | undefined): string {
  let summary = '';
  let count = 0;
  // Each paragraph is segmented only when the summary still wants its sentences.
  paragraphs: for (const paragraph of storyParagraphs(text)) {
    for (const unit of sentences(paragraph)) {
      if (count >= SUMMARY_SENTENCES) break paragraphs;
      if (count++ === 0) {
        summary = unit;
        continue;
      }
      // A standfirst without a full stop must not run into the body, but a line that ends on a
      // colon ("Here is an example:") leads into the next one. CJK full stops take no space after them.
      const joined = /[。！？：；，]$/.test(summary)
        ? `${summary}${unit}`
        : `${ENDS_SENTENCE.test(summary) || LEADS_ON.test(summary) ? summary : `${summary}.`} ${unit}`;
      if (summary.length >= SUMMARY_MIN || joined.length > SUMMARY_MAX) break paragraphs;
      summary = joined;
    }
  }
  return clip(summary, SUMMARY_MAX);
}

/**
 * A headline for an item that has none (micro-blog posts, JSON Feed items with only text): the
 * first sentence of its text, cut at a word.
 */
export function headlineFrom(text: string | undefined): string {
  for (const paragraph of storyParagraphs(text)) {
    const [first] = sentences(paragraph);
    if (first !== undefined) return clip(first, HEADLINE_MAX);
  }
  return '';
}

/**
 * The headline and summary of an item that has no title: the first sentence of its text, and the
 * rest summarised (all of it when the headline had to be cut), so the summary does not repeat it.
 */
function untitledStory(text: string): { headline: string; summary: string } {
  const headline = headlineFrom(text);
  const at = headline.endsWith('…') ? -1 : text.indexOf(headline);
  return { headline, summary: summarize(at === -1 ? text : text.slice(at + headline.length).trim()) };
}

/**
 * What a reader sees of an item: its own title and the summary of its text, or, with no title,
 * a headline and summary made from the text (`untitledStory`). Feeds and `preview --from` alike.
 */
export function storyOf(title: string, text: string): { headline: string; summary: string } {
  return title ? { headline: title, summary: summarize(text) } : untitledStory(text);
}

function storyParagraphs(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\n+/)
    .map((paragraph) => withoutBoilerplate(paragraph.replace(/\s+/g, ' ').trim()))
    .filter((paragraph) => paragraph && !BOILERPLATE_PARAGRAPH.test(paragraph) && !isBoilerplate(paragraph));
}
