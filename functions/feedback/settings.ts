import * as z from 'zod/mini';
import { commonSettings } from '../core/common-settings';
import { number, type SettingsOf, settingsContract } from '../core/settings-contract';

/** The feedback function's settings: the table, and the complaint rate that pauses an edition. */
const contract = settingsContract({
  table: commonSettings.table,
  /** A complaint rate at or above this pauses an edition's sending (Gmail's bulk-sender limit is 0.3%). */
  complaintPauseRate: number(
    'DAYBREAK_COMPLAINT_PAUSE_RATE',
    z._default(z.number().check(z.positive(), z.lte(1)), 0.0025),
  ),
});

export type FeedbackFunctionSettings = SettingsOf<typeof contract.fields>;
export const FeedbackSettingsSchema = contract.schema;
export const { fromEnvironment, toEnvironment } = contract;
