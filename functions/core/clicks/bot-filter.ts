/** Why a click is not counted as a reader's: a prefetching scanner (too soon after delivery) or a robot's user agent. */
export type FilterReason = 'timing' | 'agent';

/**
 * User agents of link scanners, previewers and scripts. Security gateways (Proofpoint, Mimecast,
 * Barracuda, Microsoft Safe Links) follow every link of a message as it arrives; they mostly
 * announce themselves or send no agent at all.
 */
const ROBOT_AGENT =
  /bot\b|bot\/|crawl|spider|slurp|preview|scanner|scan\b|proofpoint|mimecast|barracuda|safelinks|safe ?links|urldefense|headless|phantom|python|curl|wget|go-http|java\/|okhttp|libwww|httpclient|node-fetch|axios|facebookexternalhit|whatsapp|skypeuripreview|^mozilla\/4\.0 \(compatible;? ?\)$/i;

/**
 * Whether a click is a reader's, by the plausibility heuristics analytics tools use: no agent or a
 * robot's agent, or a click within `botSeconds` of the message's delivery.
 */
export function filterClick(click: {
  userAgent: string;
  deliveredAt?: Date;
  now: Date;
  botSeconds: number;
}): FilterReason | undefined {
  const agent = click.userAgent.trim();
  if (agent === '' || ROBOT_AGENT.test(agent)) return 'agent';
  if (click.deliveredAt && click.now.getTime() - click.deliveredAt.getTime() < click.botSeconds * 1000) return 'timing';
  return undefined;
}
