/**
 * Registers teardown steps that run after each test even when it fails, so a failing test
 * cannot leave servers or channels open and keep jest from exiting.
 */
export function useCleanup(): <T extends { close(): unknown } | { shutdown(): Promise<unknown> }>(resource: T) => T {
  const resources: ({ close(): unknown } | { shutdown(): Promise<unknown> })[] = [];
  afterEach(async () => {
    for (const resource of resources.splice(0).reverse()) {
      await ('shutdown' in resource ? resource.shutdown() : resource.close());
    }
  });
  return (resource) => {
    resources.push(resource);
    return resource;
  };
}
