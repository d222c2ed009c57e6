import { FeatureServiceService, RankingServiceService } from '@cascade/contracts';
import { parseMethodPath } from './method-path';
import { serviceNameOf } from './service-registrar';

describe('serviceNameOf', () => {
  it('reads the fully-qualified name from generated definitions', () => {
    expect(serviceNameOf(FeatureServiceService)).toBe('cascade.feature.v1.FeatureService');
    expect(serviceNameOf(RankingServiceService)).toBe('cascade.ranking.v1.RankingService');
  });

  it('rejects objects that are not service definitions', () => {
    expect(() => serviceNameOf({})).toThrow('not a gRPC service definition');
    expect(() => serviceNameOf({ method: { path: 'nope' } })).toThrow('not a gRPC service definition');
  });
});

describe('parseMethodPath', () => {
  it('splits service and method', () => {
    expect(parseMethodPath('/cascade.ranking.v1.RankingService/Rank')).toEqual({ service: 'cascade.ranking.v1.RankingService', method: 'Rank' });
    expect(parseMethodPath('garbage')).toEqual({ service: '', method: '' });
  });
});
