import { createLogger, type Logger } from '../logging/create-logger';

export interface HandlerDefaults {
  logger: Logger;
  /** Deadline for calls that arrive without one. */
  defaultDeadlineMs: number;
}

let defaults: HandlerDefaults | undefined;

/** runService sets these from its config and logger, so handlers built with unary() need no wiring. */
export function setHandlerDefaults(next: HandlerDefaults): void {
  defaults = next;
}

export function handlerDefaults(): HandlerDefaults {
  defaults ??= { logger: createLogger({ service: 'service-kit' }), defaultDeadlineMs: 5_000 };
  return defaults;
}
