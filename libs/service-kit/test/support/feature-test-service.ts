import { setTimeout as sleep } from 'node:timers/promises';
import { FeatureServiceService, type FeatureServiceServer, GetFeaturesResponse } from '@cascade/contracts';
import { field, unary, type ServiceOptions } from '../../src/index';

/**
 * A FeatureService whose behaviour is chosen by the request's user_id:
 *   "slow:<ms>"  answers after <ms> (stops early if the call is aborted)
 *   "boom"       throws an unexpected error
 *   anything     answers at once, echoing item_ids and the handler's deadline (registry_version)
 */
export const featureHandlers: FeatureServiceServer = {
  getFeatures: unary(async (request, context) => {
    field('user_id', request.userId).required().maxLength(128);
    field('item_ids', request.itemIds).maxItems(2000).noEmptyItems();
    field('as_of_ms', request.asOfMs).atLeast(0);
    context.logger.info({ userId: request.userId }, 'handling GetFeatures');
    if (request.userId === 'boom') throw new Error('secret internal detail');
    const slow = /^slow:(\d+)$/.exec(request.userId);
    if (slow) await sleep(Number(slow[1]), undefined, { signal: context.signal });
    return GetFeaturesResponse.fromPartial({ itemIds: request.itemIds, registryVersion: String(context.deadline.getTime()) });
  }),
};

/** Options for a kit FeatureService on 127.0.0.1 and a free port; `env` adds or overrides variables. */
export function featureServiceOptions(
  env: Record<string, string> = {},
  hooks: { ready?: () => Promise<void>; close?: () => Promise<void> } = {},
): ServiceOptions {
  return {
    name: 'feature-test',
    env: { GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', ...env },
    setup({ server }) {
      server.addService(FeatureServiceService, featureHandlers);
      return hooks;
    },
  };
}
