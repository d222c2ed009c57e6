export interface MethodName {
  service: string;
  method: string;
}

/** Splits a gRPC path "/pkg.Service/Method" into its service and method names. */
export function parseMethodPath(path: string): MethodName {
  const [, service = '', method = ''] = /^\/?([^/]*)\/(.*)$/.exec(path) ?? [];
  return { service, method };
}
