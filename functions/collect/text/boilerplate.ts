/**
 * Lines that pages and feeds wrap around a story but that are no part of it: syndication notices,
 * disclaimers, advertising and sharing prompts, "Also read:" links. Kept apart from the page reader so
 * that a feed's summary can drop them without loading an HTML parser.
 */
const BOILERPLATE = [
  /\b(?:has not been|hasn't been|was not|wasn't) edited by\b/i,
  /\bauto-?generated from a syndicated feed\b/i,
  /^\(?\s*disclaimer\b/i,
  /^(?:advertisement|advertisment|sponsored(?: content)?|ad|story continues below(?: this)?(?: advertisement| ad)?|continue reading(?: below)?|scroll to continue(?: with content)?)$/i,
  /^(?:also read|read also|read more|related|see also|must read|recommended|more from)\b\s*[:|-]/i,
  /^(?:share|tweet|email|print|copy link)(?:\s+(?:this|on|via)\b[^.]{0,40})?$/i,
  /^follow us\b/i,
  /^(?:subscribe|sign up)\b.{0,80}\bnewsletter\b/i,
];

/** Whether a paragraph is one of those lines. */
export const isBoilerplate = (paragraph: string): boolean => BOILERPLATE.some((pattern) => pattern.test(paragraph));
