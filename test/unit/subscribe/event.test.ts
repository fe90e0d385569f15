import { HttpApiEventSchema, requestFromEvent, resultFromResponse } from '../../../functions/subscribe/event';
import { html, pageCss, securityHeaders, wantsJson } from '../../../functions/subscribe/http';

const event = {
  version: '2.0',
  rawPath: '/unsubscribe',
  rawQueryString: 'token=abc.def',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  body: Buffer.from('List-Unsubscribe=One-Click').toString('base64'),
  isBase64Encoded: true,
  requestContext: { http: { method: 'post', sourceIp: '198.51.100.7', path: '/unsubscribe' } },
};

describe('HTTP API events', () => {
  it('become requests: method, path, query, lower-case headers, decoded body, source IP', () => {
    const request = requestFromEvent(HttpApiEventSchema.parse(event));
    expect(request).toMatchObject({
      method: 'POST',
      path: '/unsubscribe',
      sourceIp: '198.51.100.7',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(request.query.get('token')).toBe('abc.def');
    expect(request.body.toString()).toBe('List-Unsubscribe=One-Click');
    expect(wantsJson(request)).toBe(true);
  });

  it('refuses what is not one', () => {
    expect(HttpApiEventSchema.safeParse({ Records: [] }).success).toBe(false);
  });

  it('return responses as structured results with the security headers', () => {
    const result = resultFromResponse(html(200, { html: '<p>hi</p>', css: pageCss() }));
    expect(result).toMatchObject({
      statusCode: 200,
      body: '<p>hi</p>',
      headers: { 'x-content-type-options': 'nosniff' },
    });
    expect(securityHeaders()['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/,
    );
  });
});
