/** One broken rule of an event, naming the offending field by its proto name (e.g. `event_id`). */
export interface ValidationIssue {
  field: string;
  message: string;
}

export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}`).join('; ');
}

/** Why a record could not become an event: its bytes did not decode, or the event broke a rule. */
export type EventErrorKind = 'decode' | 'validation';

export class EventDecodeError extends Error {
  override readonly name = 'EventDecodeError';
  constructor(
    readonly kind: EventErrorKind,
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    super(message);
  }
}

/** Thrown by the producer when asked to send an event that would be rejected downstream. */
export class EventValidationError extends Error {
  override readonly name = 'EventValidationError';
  constructor(
    readonly eventType: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(`invalid ${eventType}: ${formatIssues(issues)}`);
  }
}
