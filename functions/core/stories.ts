import type { Article } from './model';

/**
 * Which articles tell the same story: the same canonical URL, or a near-duplicate headline (and
 * lead). Used by the digest to group, and by the collector to count stories.
 */

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in into is it its of on or over says say said than that the their this to under was were will with after before new'.split(
    ' ',
  ),
);

/** Lower-cased word stems of a text, without stop words: "Extended" and "extends" meet as "extend". */
export function stems(text: string): Set<string> {
  const lower = text.toLowerCase();
  // Plain ASCII has no accents to strip: most headlines skip the normalization.
  const folded = NOT_ASCII.test(lower) ? lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : lower;
  const found = new Set<string>();
  for (const word of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (word.length > 1 && !STOPWORDS.has(word)) found.add(stem(word));
  }
  return found;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the test is for anything beyond ASCII
const NOT_ASCII = /[^\u0000-\u007f]/;

function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/u, '') || word;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

export const SAME_HEADLINE = 0.6;
const RELATED_HEADLINE = 0.4;
const SAME_LEAD = 0.45;

type StoryFields = Pick<Article, 'id' | 'headline' | 'summary'>;
interface StoryKey {
  id: string;
  headline: Set<string>;
  lead: Set<string>;
}

function storyKey(article: StoryFields): StoryKey {
  const headline = stems(article.headline);
  // The lead's words are the headline's and the summary's: the headline is not read twice.
  const lead = new Set(headline);
  for (const word of stems(article.summary)) lead.add(word);
  return { id: article.id, headline, lead };
}

function matches(a: StoryKey, b: StoryKey): boolean {
  if (a.id === b.id) return true;
  const headlines = jaccard(a.headline, b.headline);
  return headlines >= SAME_HEADLINE || (headlines >= RELATED_HEADLINE && jaccard(a.lead, b.lead) >= SAME_LEAD);
}

/** A word so common across the day's headlines that it says nothing about which story one is. */
const COMMON_WORD_SHARE = 0.2;

/**
 * Visits the pairs worth comparing: those with the same id or a headline word in common, found
 * through an inverted index, so a busy day is not compared all against all. A pair sharing several
 * words comes more than once: the caller's union-find skips it once joined, and comparing again is
 * cheaper than remembering a day's million pairs in a set (four fifths of clustering's time,
 * measured). A callback, not a generator: a pair yielded as an array cost a collect run more than
 * the comparisons themselves.
 */
function forEachCandidatePair(keys: StoryKey[], visit: (a: number, b: number) => void): void {
  const byWord = new Map<string, number[]>();
  const byId = new Map<string, number[]>();
  // Appended in place: copying a common word's list for each article made a day of 10,000 quadratic.
  const add = (index: Map<string, number[]>, key: string, i: number) => {
    const group = index.get(key);
    if (group) group.push(i);
    else index.set(key, [i]);
  };
  keys.forEach((key, i) => {
    for (const word of key.headline) add(byWord, word, i);
    add(byId, key.id, i);
  });
  const limit = Math.max(50, keys.length * COMMON_WORD_SHARE);
  for (const group of [...byId.values(), ...byWord.values()]) {
    if (group.length < 2 || group.length > limit) continue;
    for (let a = 0; a < group.length; a++) {
      for (let b = a + 1; b < group.length; b++) visit(group[a] as number, group[b] as number);
    }
  }
}

/** Whether two articles tell the same story. */
export const sameStory = (a: StoryFields, b: StoryFields): boolean => matches(storyKey(a), storyKey(b));

/** Groups articles into clusters of the same story (union of pairwise matches); order follows the input. */
export function clusterArticles<T extends StoryFields>(articles: T[]): T[][] {
  const parent = articles.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const keys = articles.map(storyKey);
  forEachCandidatePair(keys, (i, j) => {
    if (find(i) !== find(j) && matches(keys[i] as StoryKey, keys[j] as StoryKey)) parent[find(j)] = find(i);
  });
  const clusters = new Map<number, T[]>();
  articles.forEach((article, i) => {
    const root = find(i);
    const cluster = clusters.get(root);
    if (cluster) cluster.push(article);
    else clusters.set(root, [article]);
  });
  return [...clusters.values()];
}
