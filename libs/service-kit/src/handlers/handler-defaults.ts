import { createLogger, type Logger } from '../logging/create-logger';

export interface HandlerDefaults {
  logger: Logger;
  /** Deadline for calls that arrive without one. */
  defaultDeadlineMs: number;
}

type Handler = (call: object, ...rest: never[]) => unknown;

const defaultsByCall = new WeakMap<object, HandlerDefaults>();
let fallback: HandlerDefaults | undefined;

/**
 * Wraps each handler of a service implementation so the calls it receives carry this server's
 * defaults; unary() reads them. Scoped per call rather than per process so that several kit
 * services can run in one process (in-process end-to-end tests) with their own logs.
 */
export function withHandlerDefaults<I extends object>(implementation: I, defaults: HandlerDefaults): I {
  const wrapped = Object.entries(implementation).map(([name, handler]) => [
    name,
    typeof handler === 'function'
      ? (call: object, ...rest: never[]) => {
          defaultsByCall.set(call, defaults);
          return (handler as Handler)(call, ...rest);
        }
      : handler,
  ]);
  return Object.fromEntries(wrapped) as I;
}

/** The defaults of the server that received this call; a stdout logger and 5 s outside a kit server. */
export function handlerDefaultsFor(call: object): HandlerDefaults {
  return defaultsByCall.get(call) ?? (fallback ??= { logger: createLogger({ service: 'service-kit' }), defaultDeadlineMs: 5_000 });
}
