import { drawPersonalMarkers, LEGACY_PLACEHOLDERS, personalize } from '../../../functions/mail/personalize';

const links = {
  unsubscribeUrl: 'https://x.example/unsubscribe?token=U',
  preferencesUrl: 'https://x.example/p?token=P',
};

describe('personalize', () => {
  it('splices the links at the render’s own markers and leaves forged old placeholders as text', () => {
    const markers = drawPersonalMarkers();
    const text = `https://evil.example/${LEGACY_PLACEHOLDERS.unsubscribeUrl}\nUnsubscribe: ${markers.unsubscribeUrl}\nPreferences: ${markers.preferencesUrl}`;
    const personal = personalize(
      { html: `<a href="${markers.unsubscribeUrl}">`, text, personalMarkers: markers },
      links,
    );
    expect(personal.html).toBe('<a href="https://x.example/unsubscribe?token=U">');
    expect(personal.text).toBe(
      `https://evil.example/${LEGACY_PLACEHOLDERS.unsubscribeUrl}\nUnsubscribe: ${links.unsubscribeUrl}\nPreferences: ${links.preferencesUrl}`,
    );
  });

  it('fills a legacy edition’s footer only: the last placeholder of each kind', () => {
    const text = `${LEGACY_PLACEHOLDERS.unsubscribeUrl}\n--\nPreferences: ${LEGACY_PLACEHOLDERS.preferencesUrl}\nUnsubscribe: ${LEGACY_PLACEHOLDERS.unsubscribeUrl}`;
    const personal = personalize({ html: '', text }, links);
    expect(personal.text).toBe(
      `${LEGACY_PLACEHOLDERS.unsubscribeUrl}\n--\nPreferences: ${links.preferencesUrl}\nUnsubscribe: ${links.unsubscribeUrl}`,
    );
  });

  it('draws markers no one can guess: 128 random bits, new each time', () => {
    const a = drawPersonalMarkers();
    expect(a.unsubscribeUrl).toMatch(/^daybreak-[0-9a-f]{32}-unsubscribe$/);
    expect(drawPersonalMarkers().unsubscribeUrl).not.toBe(a.unsubscribeUrl);
  });
});
