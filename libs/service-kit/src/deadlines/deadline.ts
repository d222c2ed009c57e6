import type { Deadline } from '@grpc/grpc-js';

/** Anything a deadline can be read from: a grpc-js Deadline, a server call, or a unary() context. */
export type DeadlineSource = Deadline | { getDeadline(): Deadline } | { readonly deadline: Deadline };

/** The source's deadline in epoch milliseconds; Infinity when it has none. */
export function deadlineMs(source: DeadlineSource | undefined): number {
  if (source === undefined) return Number.POSITIVE_INFINITY;
  if (source instanceof Date) return source.getTime();
  if (typeof source === 'number') return source;
  return deadlineMs('getDeadline' in source ? source.getDeadline() : source.deadline);
}

export interface DownstreamBudget {
  /** The most this downstream call may take. */
  budgetMs: number;
  /** Time kept back from the parent's deadline for work after the downstream call returns. */
  reserveMs?: number;
  /** Clock reading to start from, epoch ms (for tests). */
  now?: number;
}

/**
 * Deadline for a downstream call: min(parent deadline − reserve, now + budget).
 * A parent without a deadline leaves just the budget. The result may already have passed;
 * a call made with it then fails DEADLINE_EXCEEDED at once, which is the point.
 */
export function deadlineFrom(parent: DeadlineSource | undefined, { budgetMs, reserveMs = 0, now = Date.now() }: DownstreamBudget): Date {
  return new Date(Math.min(deadlineMs(parent) - reserveMs, now + budgetMs));
}
