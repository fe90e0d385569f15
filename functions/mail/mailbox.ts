/** RFC 5322 atext and the spaces between words: a display name of only these needs no quotes. */
const PLAIN_NAME = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;

/**
 * The `From` mailbox, `Name <address>`, with the display name quoted (RFC 5322 §3.2.4) when it holds
 * anything else: a sender named `Daybreak <News>` or `Smith, Jones` stays one name and one address.
 */
export function mailbox(name: string, address: string): string {
  const display = PLAIN_NAME.test(name) ? name.trim() : `"${name.replace(/["\\]/g, '\\$&')}"`;
  return `${display} <${address}>`;
}
