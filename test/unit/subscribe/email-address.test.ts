import { checkEmailAddress } from '../../../functions/subscribe/email-address';
import { maskEmail } from '../../../functions/subscribe/pages';

describe('checkEmailAddress', () => {
  it.each([
    ['  ann@example.com  ', 'ann@example.com'],
    ['Ann.Smith@Example.COM', 'Ann.Smith@example.com'],
    ['ann+news@mail.example.co.uk', 'ann+news@mail.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`],
  ])('accepts %j as %j', (input, email) => {
    expect(checkEmailAddress(input)).toEqual({ ok: true, email });
  });

  it.each([
    [undefined, /Enter your email/],
    ['', /Enter your email/],
    ['ann@example.com\r\nBcc: x@example.org', /line breaks/],
    ['ann@exa\0mple.com', /line breaks/],
    [`${'a'.repeat(250)}@b.co`, /254/],
    ['@example.com', /name@example\.com/],
    ['ann@', /name@example\.com/],
    ['ann..smith@example.com', /name@example\.com/],
    ['ann@-example.com', /name@example\.com/],
    ['ann@example', /name@example\.com/],
    ['"ann smith"@example.com', /name@example\.com/],
  ])('refuses %j', (input, message) => {
    const check = checkEmailAddress(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });
});

describe('maskEmail', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('ann@example.com')).toBe('a••@example.com');
    expect(maskEmail('a@example.com')).toBe('a••@example.com');
    expect(maskEmail('christopher@example.com')).toBe('c••••••@example.com');
  });
});
