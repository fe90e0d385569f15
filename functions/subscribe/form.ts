import * as z from 'zod/mini';
import type { Edition } from '../core/daybreak-config';
import { checkEmailAddress } from './email-address';
import { sendTimeInWords } from './send-time';
import type { FormFields } from './http';

/** The signup form's fields as posted (every field may repeat in a form body). */
const EditionsField = z.optional(
  z
    .array(z.string().check(z.maxLength(64, 'An edition name is at most 64 characters.')))
    .check(z.maxLength(20, 'Too many editions.')),
);

const SignupFormSchema = z.object({
  email: z.optional(z.array(z.string()).check(z.maxLength(1, 'Send one email address.'))),
  editions: EditionsField,
  website: z.optional(z.array(z.string())),
});

const EditionsFormSchema = z.object({ editions: EditionsField });

export interface FieldError {
  field: 'email' | 'editions';
  message: string;
}

export type SignupForm =
  | { ok: true; email: string; editions: string[]; honeypot: boolean }
  | { ok: false; errors: FieldError[]; email: string; editions: string[] };

export function checkEditions(given: string[] | undefined, offered: Edition[]): { editions: string[]; error?: string } {
  const editions = [...new Set(given ?? [])];
  if (editions.length === 0) return { editions, error: 'Choose at least one edition.' };
  const unknown = editions.find((id) => !offered.some((e) => e.id === id));
  if (unknown !== undefined)
    return {
      editions: editions.filter((id) => offered.some((e) => e.id === id)),
      error: 'Choose among the editions offered.',
    };
  return { editions };
}

const fieldsObject = (fields: FormFields) => Object.fromEntries(fields);

/** Validates a signup post: one well-formed address, one or more offered editions; the honeypot is reported, not refused. */
export function parseSignupForm(fields: FormFields, offered: Edition[]): SignupForm {
  const parsed = SignupFormSchema.safeParse(fieldsObject(fields));
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0] === 'editions' ? 'editions' : 'email';
    return {
      ok: false,
      errors: [{ field, message: parsed.error.issues[0]?.message ?? 'The form is invalid.' }],
      email: '',
      editions: [],
    };
  }
  const rawEmail = parsed.data.email?.[0];
  const address = checkEmailAddress(rawEmail);
  // With one edition the form has no choice to make: an absent field means that one (a named one is still checked).
  const only = offered.length === 1 ? offered[0]?.id : undefined;
  const given = parsed.data.editions ?? (only !== undefined ? [only] : undefined);
  const editions = checkEditions(given, offered);
  const errors: FieldError[] = [];
  if (!address.ok) errors.push({ field: 'email', message: address.message });
  if (editions.error) errors.push({ field: 'editions', message: editions.error });
  // Echo back only a harmless version of what was typed: one line, bounded.
  const echo = (rawEmail ?? '')
    .replace(/[\r\n\0]/g, ' ')
    .trim()
    .slice(0, 254);
  if (!address.ok || editions.error) return { ok: false, errors, email: echo, editions: editions.editions };
  return {
    ok: true,
    email: address.email,
    editions: editions.editions,
    honeypot: (parsed.data.website?.[0] ?? '') !== '',
  };
}

export function parseEditionsForm(fields: FormFields, offered: Edition[]): { editions: string[]; error?: string } {
  const parsed = EditionsFormSchema.safeParse(fieldsObject(fields));
  if (!parsed.success) return { editions: [], error: parsed.error.issues[0]?.message ?? 'The form is invalid.' };
  return checkEditions(parsed.data.editions, offered);
}

export function editionChoices(offered: Edition[], chosen: string[]) {
  return offered.map((e) => ({
    id: e.id,
    title: e.title,
    schedule: sendTimeInWords(e),
    checked: chosen.includes(e.id),
  }));
}
