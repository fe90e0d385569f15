import { zonedTimeToInstant } from '../core/dates';

/**
 * Time-zone names as feeds and pages print them ("EST", "IST", "+05:30", "GMT+5:30"), turned into
 * offsets. Feeds and pages share this so one date means the same instant wherever it is read.
 */

/** A wall-clock reading: what a date says before a zone makes it an instant. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Names with one meaning, in minutes east of UTC. */
const ZONE_NAMES: Readonly<Record<string, number>> = {
  // RFC 822 section 5: the only names the RSS 2.0 date format allows (CST and CDT are below).
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  MST: -420,
  MDT: -360,
  PDT: -420,
  // Others that news feeds and pages write anyway.
  AKST: -540,
  AKDT: -480,
  HST: -600,
  ADT: -180,
  NST: -210,
  NDT: -150,
  IDT: 180,
  WET: 0,
  WEST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  GST: 240,
  PKT: 300,
  NPT: 345,
  BDT: 360,
  ICT: 420,
  WIB: 420,
  SGT: 480,
  HKT: 480,
  PHT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  SAST: 120,
  WAT: 60,
  CAT: 120,
  EAT: 180,
  BRT: -180,
  ART: -180,
};

/**
 * Names with several meanings: each meaning's offset and the IANA zones that print it; the first
 * meaning is the most common in news and is taken when the source's zone is none of them.
 */
const AMBIGUOUS_NAMES: Readonly<Record<string, readonly { offset: number; zones: readonly string[] }[]>> = {
  IST: [
    { offset: 330, zones: ['Asia/Kolkata', 'Asia/Calcutta'] },
    { offset: 60, zones: ['Europe/Dublin', 'Eire'] },
    { offset: 120, zones: ['Asia/Jerusalem', 'Asia/Tel_Aviv', 'Israel'] },
  ],
  CST: [
    { offset: -360, zones: [] },
    {
      offset: 480,
      zones: [
        'Asia/Shanghai',
        'Asia/Chongqing',
        'Asia/Chungking',
        'Asia/Harbin',
        'Asia/Taipei',
        'Asia/Macau',
        'PRC',
        'ROC',
      ],
    },
    { offset: -300, zones: ['America/Havana', 'Cuba'] },
  ],
  CDT: [
    { offset: -300, zones: [] },
    { offset: -240, zones: ['America/Havana', 'Cuba'] },
  ],
  BST: [
    { offset: 60, zones: ['Europe/London', 'GB'] },
    { offset: 360, zones: ['Asia/Dhaka', 'Asia/Dacca'] },
  ],
  AST: [
    { offset: -240, zones: [] },
    { offset: 180, zones: ['Asia/Riyadh', 'Asia/Baghdad', 'Asia/Kuwait', 'Asia/Qatar', 'Asia/Bahrain', 'Asia/Aden'] },
  ],
  PST: [
    { offset: -480, zones: [] },
    { offset: 480, zones: ['Asia/Manila'] },
  ],
};

const MAX_OFFSET = 14 * 60;

/** Minutes east of UTC written as a number: "+05:30", "-0500", "+05", "GMT+5:30", "UTC-3". */
function numericOffset(label: string): number | undefined {
  const match = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(label.replace(/\s+/g, ''));
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  if (minutes > MAX_OFFSET) return undefined;
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * The offset a date's zone label means, or undefined when it names no zone we know (the wall clock
 * is then read in the source's zone). An ambiguous name is read through the source's zone, as the
 * issue asks: "IST" on an Asia/Kolkata source is +05:30, on a Europe/Dublin source +01:00, and on
 * a source in neither, India's. A name with one meaning keeps it whatever the source's zone, so
 * "EST" on a Kolkata page is still -05:00.
 */
export function labelOffset(label: string | undefined, sourceZone: string): number | undefined {
  if (!label) return undefined;
  const numeric = numericOffset(label);
  if (numeric !== undefined) return numeric;
  const name = label.replace(/[\s().]/g, '').toUpperCase();
  const meanings = AMBIGUOUS_NAMES[name];
  if (meanings) return (meanings.find((meaning) => meaning.zones.includes(sourceZone)) ?? meanings[0])?.offset;
  return ZONE_NAMES[name];
}

/** The instant at which `clock` is read in `timeZone` (seconds included). */
export function wallClockInstant(clock: WallClock, timeZone: string): Date {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const instant = zonedTimeToInstant(
    `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`,
    `${pad(clock.hour)}:${pad(clock.minute)}`,
    timeZone,
  );
  return new Date(instant.getTime() + clock.second * 1000);
}
