import { createHash } from 'node:crypto';
import { FolderArchive } from '../../../functions/core/archive/folder-archive';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import { route } from '../../../functions/subscribe/router';
import { tempDir } from '../../helpers/stand-ins';
import { EDITIONS, form, request, subscribeStandIns } from '../../helpers/subscribe';

const FORM = 'application/x-www-form-urlencoded';
const now = new Date('2026-11-27T09:00:00Z');
const ONE_EDITION = [EDITIONS[0]!];

/** The signup form as a visitor first sees it: the brand, a sample issue, when it comes, what to choose. */
describe('the signup form', () => {
  let deps: SubscribeDeps;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ deps, close } = await subscribeStandIns(() => now));
  });
  afterAll(() => close());

  const single = (extra: Partial<SubscribeDeps> = {}): SubscribeDeps => ({
    ...deps,
    settings: { ...deps.settings, editions: ONE_EDITION },
    ...extra,
  });
  const branded = (brand: NonNullable<SubscribeDeps['settings']['identity']>['brand']): SubscribeDeps => ({
    ...deps,
    settings: { ...deps.settings, identity: { brand, postalAddress: '1 Example Street, London' } },
  });

  it('wears the brand: name, tagline, logo and accent colours, with the CSP allowing exactly its stylesheet and logo', async () => {
    const page = await route(
      request('GET', '/'),
      branded({
        name: 'The Morning Post',
        tagline: 'Five minutes, every morning',
        accent: '#8a1538',
        accentDark: '#f4a6bd',
        logo: { url: 'https://cdn.example.com/logo.png', width: 180, height: 40, alt: 'The Morning Post' },
      }),
    );
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Subscribe · The Morning Post</title>');
    expect(page.body).toContain('<p class="tagline">Five minutes, every morning</p>');
    expect(page.body).toContain(
      '<img src="https://cdn.example.com/logo.png" width="180" height="40" alt="The Morning Post">',
    );
    expect(page.body).toContain(':root{--accent:#8a1538}');
    expect(page.body).toContain('{:root{--accent:#f4a6bd}}');
    const css = /<style>([^<]*)<\/style>/.exec(page.body)?.[1] ?? '';
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    expect(csp).toContain("img-src 'self' https://cdn.example.com;");
  });

  it('escapes a hostile brand name and tagline', async () => {
    const page = await route(
      request('GET', '/'),
      branded({
        name: '<script>alert("name")</script>',
        tagline: "\"><img src=x onerror=alert(1)> & 'quoted'",
        accent: '#0b57d0',
        accentDark: '#8ab4f8',
      }),
    );
    expect(page.body).not.toMatch(/<script|<img/);
    expect(page.body).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
    expect(page.body).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &#x27;quoted&#x27;');
  });

  it('escapes a hostile brand name in the texts that say it: unsubscribe, check your inbox, a broken link', async () => {
    const hostile = branded({ name: '<script>alert("name")</script>', accent: '#0b57d0', accentDark: '#8ab4f8' });
    const token = deps.tokens.sign('unsubscribe', 'x@example.com', new Date(now.getTime() + 86400_000));
    const pages = [
      await route(request('GET', `/unsubscribe?token=${token}`), hostile),
      await route(
        request('POST', '/subscribe', { type: FORM, body: form({ email: 'x@example.com', editions: 'global' }) }),
        hostile,
      ),
      await route(request('GET', '/unsubscribe?token=forged.token'), hostile),
    ];
    for (const page of pages) {
      expect(page.body).not.toContain('<script');
      expect(page.body).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
    }
    expect(pages[0]?.body).toContain('Stop sending &lt;script&gt;');
    expect(pages[1]?.body).toContain('If the address can receive &lt;script&gt;');
    expect(pages[2]?.body).toContain('from a &lt;script&gt;');
  });

  it('links no sample issue while none is kept, then the latest edition still offered', async () => {
    const archive = new FolderArchive(tempDir('form-archive-'));
    const none = await route(request('GET', '/'), { ...deps, archive });
    expect(none.body).not.toContain('sample issue');
    await archive.put('2026-11-25', 'global', '<p>Older</p>');
    await archive.put('2026-11-26', 'global', '<p>Latest</p>');
    await archive.put('2026-11-27', 'retired', '<p>No longer configured</p>');
    const page = await route(request('GET', '/'), { ...deps, archive });
    expect(page.body).toContain(
      '<a href="/archive/2026-11-26/global">Read a sample issue</a> <span class="muted">(Thursday, 26 November 2026)</span>',
    );
  });

  it('with one edition: says when it comes in words, shows no Editions box, and subscribes to it implicitly', async () => {
    const page = await route(request('GET', '/'), single());
    expect(page.body).toContain('Every morning at 7:00 (Europe/London), one short email');
    expect(page.body).not.toMatch(/<fieldset|<legend>Editions|type="checkbox"/);
    const signed = await route(
      request('POST', '/subscribe', { type: FORM, body: form({ email: 'solo@example.com' }) }),
      single(),
    );
    expect(signed.status).toBe(200);
    expect(signed.body).toContain('Check your inbox');
    expect(await deps.subscribers.get('solo@example.com')).toMatchObject({ status: 'pending', editions: ['global'] });
  });

  it('with one edition: still refuses an edition that is not offered', async () => {
    const refused = await route(
      request('POST', '/subscribe', { type: FORM, body: form({ email: 'odd@example.com', editions: 'asia' }) }),
      single(),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Choose among the editions offered.');
    expect(await deps.subscribers.get('odd@example.com')).toBeUndefined();
  });

  it('with several editions: a box of them, each with its send time, and one must be chosen', async () => {
    const page = await route(request('GET', '/'), deps);
    expect(page.body).toContain('<legend>Editions</legend>');
    expect(page.body).toContain('Daybreak Asia <span class="muted">Every morning at 7:00 (Asia/Kolkata)</span>');
    const refused = await route(
      request('POST', '/subscribe', { type: FORM, body: form({ email: 'none@example.com' }) }),
      deps,
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Choose at least one edition.');
  });
});
