import * as z from 'zod/mini';
import { archiveSettings } from '../core/archive/from-config';
import { commonSettings } from '../core/common-settings';
import { clickSettings } from '../core/clicks/click-settings';
import { json, type SettingsOf, settingsContract, text } from '../core/settings-contract';
import { tokenKeySettings } from '../core/token-key';
import { identitySetting } from '../mail/identity';

/**
 * The digest function's settings: the table, the send queue, the editions, where links point, who
 * it is from, the archive, and click tracking (the link key signs each edition's click links).
 */
const contract = settingsContract({
  table: commonSettings.table,
  sendQueueUrl: text('DAYBREAK_SEND_QUEUE_URL', z.url()),
  editions: commonSettings.editions,
  publicUrl: commonSettings.publicUrl,
  /** The brand and postal address the email wears. */
  identity: identitySetting,
  /** Lets the email show http pictures on 127.0.0.1: the local stack's sample sources only (see image-policy). */
  allowLoopbackImages: json('DAYBREAK_ALLOW_LOOPBACK_IMAGES', z._default(z.boolean(), false)),
  ...archiveSettings,
  clickTracking: clickSettings.clickTracking,
  readersMinClicks: clickSettings.readersMinClicks,
  ...tokenKeySettings,
});

export type DigestFunctionSettings = SettingsOf<typeof contract.fields>;
export const DigestSettingsSchema = contract.schema;
export const { fromEnvironment, toEnvironment, bundledFiles } = contract;
