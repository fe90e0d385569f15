import type { SESClient } from '@aws-sdk/client-ses';
import type { EditionArchive } from '../core/archive/edition-archive';
import type { FilterReason } from '../core/clicks/bot-filter';
import type { ClickTracking } from '../core/clicks/click-settings';
import type { ClickStore } from '../core/clicks/click-store';
import type { Clock } from '../core/clock';
import { type Brand, DEFAULT_BRAND, type Edition } from '../core/daybreak-config';
import type { Identity } from '../mail/identity';
import type { Logger } from '../core/log';
import type { EditionStore } from '../core/store/edition-store';
import type { SignupStore } from './signup-store';
import type { SubscriberStore } from '../core/store/subscriber-store';
import type { TokenSigner } from '../core/tokens';

export interface SubscribeSettings {
  /** `Name <address>` */
  from: string;
  /** Where links in emails point (the form's origin). */
  publicUrl: string;
  configurationSet?: string;
  editions: Edition[];
  /** The brand and postal address of the confirmation email and the pages. @default DEFAULT_IDENTITY */
  identity?: Identity;
  /** Confirmation emails to one address per hour; further requests are answered but not mailed. */
  maxConfirmationsPerHour: number;
  /** Signups from one network per hour (IPv4 address, IPv6 /64); more get a "try again later" page. */
  maxSignupsPerNetworkPerHour: number;
  confirmTokenHours: number;
  /** The life of the preferences link shown after confirming. */
  preferencesTokenDays: number;
  /** `off` still redirects an edition's links, but counts nothing. @default 'aggregate' */
  clickTracking?: ClickTracking;
  /** Clicks this soon after delivery are counted as filtered (link scanners). @default 30 */
  clickBotSeconds?: number;
}

/** Everything the subscribe routes use, handed in: the handler builds it once, tests build their own. */
export interface SubscribeDeps {
  subscribers: SubscriberStore;
  signups: SignupStore;
  editions: EditionStore;
  /** Where the editions' pages are kept (the digest writes them). */
  archive: EditionArchive;
  ses: SESClient;
  tokens: TokenSigner;
  /** The editions' link maps and click counters; without it, click links answer with the archive page. */
  clicks?: ClickStore;
  /** Publishes a counted click (the `Clicks` metric per edition). */
  recordClick?: (edition: string, filtered: FilterReason | undefined) => void;
  clock: Clock;
  log: Logger;
  settings: SubscribeSettings;
}

export const DEFAULT_LIMITS = {
  maxConfirmationsPerHour: 3,
  maxSignupsPerNetworkPerHour: 20,
  confirmTokenHours: 48,
  preferencesTokenDays: 365,
} as const;

/** The brand the pages wear: the configured one, or Daybreak's. */
export const brandOf = (deps: Pick<SubscribeDeps, 'settings'>): Brand => deps.settings.identity?.brand ?? DEFAULT_BRAND;
