// The blending service's pure domain, imported by path: the blending benchmark measures the app's
// own code in process. Only benchmarks may reach into an app like this; apps never import apps.
/* eslint-disable @nx/enforce-module-boundaries */
export { defaultBlendingPolicy, surfaceBlending } from '../../../apps/blending/src/domain/policy/blending-policy';
export { recommend, type Stages } from '../../../apps/blending/src/domain/recommend-pipeline';
export { blendList } from '../../../apps/blending/src/domain/rerank/blend-list';
export { randomFrom } from '../../../apps/blending/src/domain/rerank/seeded-random';
export { serveEventOf } from '../../../apps/blending/src/domain/side-effects/serve-event';
export { itemValue } from '../../../apps/blending/src/domain/value-model';
