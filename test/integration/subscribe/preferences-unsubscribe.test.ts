import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SubscribeDeps } from '../../../functions/subscribe/deps';
import { route } from '../../../functions/subscribe/router';
import { EDITIONS, form, request, snapshot, subscribeStandIns } from '../../helpers/subscribe';

const FORM = 'application/x-www-form-urlencoded';
const now = new Date('2026-11-27T09:00:00Z');

/** The preferences page offers what every email's unsubscribe link does, behind its own token. */
describe('unsubscribing from the preferences page', () => {
  let db: DynamoDBDocumentClient;
  let deps: SubscribeDeps;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, deps, close } = await subscribeStandIns(() => now));
    await deps.subscribers.put({
      email: 'pat@example.com',
      status: 'active',
      editions: ['global'],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });
  afterAll(() => close());

  const token = () => deps.tokens.sign('preferences', 'pat@example.com', new Date(now.getTime() + 86400_000));
  const post = (target: string, action: string) =>
    route(request('POST', target, { type: FORM, body: form({ action }) }), deps);

  it('shows an Unsubscribe button to an active address; opening the page changes nothing', async () => {
    const before = await snapshot(db);
    const page = await route(request('GET', `/preferences?token=${token()}`), deps);
    expect(page.body).toContain('<h2>Unsubscribe</h2>');
    expect(page.body).toContain('<input type="hidden" name="action" value="unsubscribe">');
    expect(page.body).toMatch(/<button type="submit"[^>]*>Unsubscribe from all emails<\/button>/);
    expect(await snapshot(db)).toBe(before);
  });

  it('with one edition: no Editions box, just the edition and when it comes; with several, the box of them', async () => {
    const single = { ...deps, settings: { ...deps.settings, editions: [EDITIONS[0]!] } };
    const one = await route(request('GET', `/preferences?token=${token()}`), single);
    expect(one.status).toBe(200);
    expect(one.body).not.toMatch(/<fieldset|<legend|type="checkbox"|Save editions|<h2>Editions/);
    expect(one.body).toContain('<p>Daybreak: Every morning at 7:00 (Europe/London), one short email.</p>');
    expect(one.body.match(/<h1/g)).toHaveLength(1);
    const several = await route(request('GET', `/preferences?token=${token()}`), deps);
    expect(several.body).toContain('<legend>Editions you receive</legend>');
    expect(several.body.match(/<label><input type="checkbox" name="editions"/g)).toHaveLength(2);
    expect(several.body).toMatch(/<button type="submit">Save editions<\/button>/);
    expect(several.body.match(/<h1/g)).toHaveLength(1);
  });

  it('with one edition the address is not on (its editions retired): the box, to take it up', async () => {
    const single = { ...deps, settings: { ...deps.settings, editions: [EDITIONS[1]!] } };
    const page = await route(request('GET', `/preferences?token=${token()}`), single);
    expect(page.body).toContain('<legend>Editions you receive</legend>');
    expect(page.body).toContain('value="asia"');
  });

  it('refuses the action without the link’s token (a cross-site form cannot know it)', async () => {
    expect((await post('/preferences', 'unsubscribe')).status).toBe(400);
    expect((await post('/preferences?token=forged.token', 'unsubscribe')).status).toBe(400);
    expect(await deps.subscribers.get('pat@example.com')).toMatchObject({ status: 'active' });
  });

  it('unsubscribes as the one-click link does, answers the same page, and offers the button no more', async () => {
    const done = await post(`/preferences?token=${token()}`, 'unsubscribe');
    expect(done.status).toBe(200);
    expect(done.body).toContain('You are unsubscribed');
    expect(await deps.subscribers.get('pat@example.com')).toMatchObject({
      status: 'unsubscribed',
      editions: ['global'],
    });
    const again = await post(`/preferences?token=${token()}`, 'unsubscribe');
    expect(again.body).toBe(done.body);
    const page = await route(request('GET', `/preferences?token=${token()}`), deps);
    expect(page.body).toContain('is unsubscribed');
    expect(page.body).not.toContain('value="unsubscribe"');
  });
});
