import isEmail from 'validator/lib/isEmail';
import * as z from 'zod/mini';

export type AddressCheck = { ok: true; email: string } | { ok: false; message: string };

const MAX_LENGTH = 254;
// The stored subscriber must also pass the model's own check, so an address is accepted only when both agree.
const modelEmail = z.email();

/**
 * Normalizes and checks an address typed into the form: trimmed, the domain lower-cased (domains
 * are case-insensitive, local parts are not), no line breaks (header injection), at most 254
 * characters, then validator's isEmail with a TLD and no display name, IP literal or UTF-8 local part.
 */
export function checkEmailAddress(input: string | undefined): AddressCheck {
  if (input === undefined || input.trim() === '') return { ok: false, message: 'Enter your email address.' };
  if (/[\r\n\0]/.test(input)) return { ok: false, message: 'An email address cannot contain line breaks.' };
  const trimmed = input.trim();
  if (trimmed.length > MAX_LENGTH)
    return { ok: false, message: `An email address has at most ${MAX_LENGTH} characters.` };
  const at = trimmed.lastIndexOf('@');
  if (at < 1) return { ok: false, message: 'Enter an email address like name@example.com.' };
  const email = `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
  const valid =
    isEmail(email, {
      allow_display_name: false,
      require_tld: true,
      allow_ip_domain: false,
      allow_utf8_local_part: false,
      ignore_max_length: false,
    }) && modelEmail.safeParse(email).success;
  return valid ? { ok: true, email } : { ok: false, message: 'Enter an email address like name@example.com.' };
}
