import * as z from 'zod/mini';
import { number, type SettingsOf } from '../core/settings-contract';
import { mailingSettings } from '../mail/mailing-settings';

/** The send function's settings: the mailing settings and the pace the account allows. */
const contract = mailingSettings.extend({
  /** The account's SES maximum send rate (messages a second), shared by every concurrent sender. */
  maxSendRate: number('DAYBREAK_MAX_SEND_RATE', z._default(z.number().check(z.positive()), 14)),
  /** How many send Lambdas may run at once (the event source mapping's maxConcurrency). */
  sendConcurrency: number('DAYBREAK_SEND_CONCURRENCY', z._default(z.number().check(z.int(), z.gte(1), z.lte(1000)), 2)),
});

export type SendFunctionSettings = SettingsOf<typeof contract.fields>;
export const SendSettingsSchema = contract.schema;
export const { fromEnvironment, toEnvironment } = contract;
