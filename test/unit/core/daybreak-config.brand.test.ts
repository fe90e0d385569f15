import { contrastRatio } from '../../../functions/core/contrast';
import { parseDaybreakConfig } from '../../../functions/core/daybreak-config';
import { errorMessage } from '../../helpers/errors';

const base = {
  sender: { address: 'digest@news.example.com', postalAddress: '1 Example Street, London N1 1AA' },
  publicUrl: 'https://news.example.com',
  editions: [{ id: 'global', title: 'Daybreak', sendAt: '07:00', timezone: 'Europe/London' }],
  sources: [{ name: 'Example', url: 'https://news.example.com/feed.xml' }],
};

describe('the brand in the configuration', () => {
  it('defaults to Daybreak with accents readable in both schemes', () => {
    const { brand } = parseDaybreakConfig(base);
    expect(brand).toEqual({ name: 'Daybreak', accent: '#0b57d0', accentDark: '#8ab4f8' });
    expect(contrastRatio(brand.accent, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(brand.accentDark, '#1f2228')).toBeGreaterThanOrEqual(4.5);
  });

  it('refuses an accent that links could not be read in, naming the scheme and the ratio', () => {
    expect(errorMessage(() => parseDaybreakConfig({ ...base, brand: { accent: '#ffcc00' } }))).toMatch(
      /brand\.accent: #ffcc00 has a contrast of 1\.\d\d:1 on the light scheme/,
    );
    expect(errorMessage(() => parseDaybreakConfig({ ...base, brand: { accentDark: '#0b57d0' } }))).toMatch(
      /brand\.accentDark: #0b57d0 has a contrast of \d\.\d\d:1 on the dark scheme/,
    );
  });

  it('takes a logo only over https, with its size and alt text', () => {
    const logo = { url: 'https://news.example.com/logo.png', width: 120, height: 32, alt: 'Daybreak' };
    expect(parseDaybreakConfig({ ...base, brand: { logo } }).brand.logo).toEqual(logo);
    expect(
      errorMessage(() => parseDaybreakConfig({ ...base, brand: { logo: { ...logo, url: 'http://x.example/l.png' } } })),
    ).toMatch(/brand\.logo\.url: expected an https URL/);
    expect(errorMessage(() => parseDaybreakConfig({ ...base, brand: { logo: { ...logo, alt: undefined } } }))).toMatch(
      /brand\.logo\.alt/,
    );
  });

  it('keeps the postal address on one line', () => {
    expect(
      errorMessage(() =>
        parseDaybreakConfig({ ...base, sender: { ...base.sender, postalAddress: '1 Street\nLondon' } }),
      ),
    ).toMatch(/sender\.postalAddress: write the address on one line/);
  });
});
