/**
 * What a failed SendRawEmail means for the recipient's claim:
 * - `retry`: SES said for certain it did not take the message and may later (throttling, 5xx,
 *   no connection): give the claim back, back off, try again.
 * - `halt`: SES took nothing and will take nothing for a while (sending paused, daily quota,
 *   configuration): give the claim back and leave the whole batch for a later delivery.
 * - `permanent`: this message will never be accepted (rejected, bad address): record it failed.
 * - `ambiguous`: no answer (a timeout after the request left): SES may have sent it, so the claim
 *   stays and the recipient is reported as unknown rather than mailed twice.
 */
export type SesErrorKind = 'retry' | 'halt' | 'permanent' | 'ambiguous';

export interface ClassifiedError {
  kind: SesErrorKind;
  /** `<ErrorName>: <message>`; the report groups failures by the name. */
  reason: string;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'MaxSendingRateExceeded',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalServerError',
]);
const HALTING = new Set([
  'AccountSendingPausedException',
  'ConfigurationSetSendingPausedException',
  'ConfigurationSetDoesNotExistException',
  'MailFromDomainNotVerifiedException',
  'LimitExceededException',
]);
/** Errors raised before any byte reached SES: safe to send again. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET_BEFORE_SEND']);

interface ErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

export function classifySesError(error: unknown): ClassifiedError {
  const shape: ErrorShape =
    typeof error === 'object' && error !== null ? (error as ErrorShape) : { message: String(error) };
  const name = shape.name ?? shape.code ?? 'Error';
  const reason = `${name}: ${shape.message ?? ''}`.trim();
  const status = shape.$metadata?.httpStatusCode;
  // SES answers a spent daily quota with Throttling too; retrying within the batch cannot help.
  if (/daily message quota/i.test(shape.message ?? '')) return { kind: 'halt', reason };
  if (THROTTLING.has(name) || status === 429 || (status !== undefined && status >= 500))
    return { kind: 'retry', reason };
  if (HALTING.has(name)) return { kind: 'halt', reason };
  if (NOT_CONNECTED.has(shape.code ?? '') || NOT_CONNECTED.has(name)) return { kind: 'retry', reason };
  if (status !== undefined && status >= 400) return { kind: 'permanent', reason };
  return { kind: 'ambiguous', reason };
}
