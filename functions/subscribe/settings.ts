import * as z from 'zod/mini';
import { archiveSettings } from '../core/archive/from-config';
import { clickSettings } from '../core/clicks/click-settings';
import { commonSettings } from '../core/common-settings';
import { number, type SettingsOf } from '../core/settings-contract';
import { identitySetting } from '../mail/identity';
import { mailingSettings } from '../mail/mailing-settings';

/** The subscribe function's settings: the mailing settings, the editions offered, the archive, the form's abuse limits, click counting. */
const contract = mailingSettings.extend({
  editions: commonSettings.editions,
  /** The brand and postal address the confirmation email and the pages wear. */
  identity: identitySetting,
  ...archiveSettings,
  clickTracking: clickSettings.clickTracking,
  clickBotSeconds: clickSettings.clickBotSeconds,
  /** Signups an hour from one network, and confirmation emails an hour to one address. */
  signupsPerNetworkPerHour: number(
    'DAYBREAK_SIGNUPS_PER_NETWORK_PER_HOUR',
    z._default(z.number().check(z.int(), z.gte(1)), 20),
  ),
  confirmationsPerAddressPerHour: number(
    'DAYBREAK_CONFIRMATIONS_PER_ADDRESS_PER_HOUR',
    z._default(z.number().check(z.int(), z.gte(1)), 3),
  ),
});

export type SubscribeFunctionSettings = SettingsOf<typeof contract.fields>;
export const SubscribeSettingsSchema = contract.schema;
export const { fromEnvironment, toEnvironment, bundledFiles } = contract;
