import type { Edition } from '../core/daybreak-config';

/** The part of the day a local send time falls in, as a reader would say it. */
function partOfDay(hour: number): string {
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 17) return 'afternoon';
  if (hour >= 17 && hour < 22) return 'evening';
  return 'night';
}

/** "Every morning at 7:00 (Europe/London)": an edition's schedule in the words of its own time zone. */
export function sendTimeInWords(edition: Pick<Edition, 'sendAt' | 'timezone'>): string {
  const [hours = '0', minutes = '00'] = edition.sendAt.split(':');
  const hour = Number(hours);
  return `Every ${partOfDay(hour)} at ${hour}:${minutes} (${edition.timezone})`;
}
