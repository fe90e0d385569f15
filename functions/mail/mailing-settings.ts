import * as z from 'zod/mini';
import { commonSettings } from '../core/common-settings';
import { type SettingsInput, type SettingsOf, settingsContract, text } from '../core/settings-contract';
import { tokenKeySettings } from '../core/token-key';

/**
 * What every function that mails subscribers needs (send and subscribe extend it): the table, who
 * sends, where links point, the unsubscribe mailbox, the SES configuration set and the link key.
 */
export const mailingSettings = settingsContract({
  table: commonSettings.table,
  /** `Name <address>` */
  sender: text('DAYBREAK_SENDER', z.string().check(z.minLength(3))),
  publicUrl: commonSettings.publicUrl,
  configurationSet: text('DAYBREAK_CONFIGURATION_SET', z.optional(z.string().check(z.minLength(1)))),
  ...tokenKeySettings,
});
export type MailingSettings = SettingsOf<typeof mailingSettings.fields>;
export type MailingSettingsInput = SettingsInput<typeof mailingSettings.fields>;

/** Who sends, where links point, and the SES configuration set: what every mailing function's domain settings start from. */
export function mailHeaders(settings: MailingSettings) {
  return { from: settings.sender, publicUrl: settings.publicUrl, configurationSet: settings.configurationSet };
}
