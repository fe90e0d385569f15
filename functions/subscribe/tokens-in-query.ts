import { brandOf, type SubscribeDeps } from './deps';
import { ClientError, type HttpRequest } from './http';

/** The `token` of a link: present once, of a sane length, or the link is broken. */
export function tokenFrom(request: HttpRequest, deps: Pick<SubscribeDeps, 'settings'>): string {
  const tokens = request.query.getAll('token');
  if (tokens.length === 0 || tokens[0] === '')
    throw new ClientError(400, 'This link is incomplete', 'The link has no token. Copy the whole link from the email.');
  if (tokens.length > 1)
    throw new ClientError(
      400,
      'This link is not valid',
      'The link carries more than one token. Copy the link from the email again.',
    );
  const token = tokens[0] ?? '';
  if (token.length > 1024)
    throw new ClientError(
      400,
      'This link is not valid',
      `The link is longer than any link ${brandOf(deps).name} sends.`,
    );
  return token;
}
