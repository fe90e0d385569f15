import type { RenderedEdition } from '../core/model';
import { personalize } from './personalize';
import { sitePaths } from './public-urls';

/**
 * The archive page of an edition kept in the table but not in the archive (rendered before the
 * archive existed): the edition as mailed, its personal links pointing at the signup form. Every
 * edition rendered since has its own visitor's page, rendered with the email (`renderDigest`).
 */
export function keptEditionPage(rendered: Pick<RenderedEdition, 'html' | 'text' | 'personalMarkers'>): string {
  const form = sitePaths.form();
  return personalize(rendered, { unsubscribeUrl: form, preferencesUrl: form }).html;
}
