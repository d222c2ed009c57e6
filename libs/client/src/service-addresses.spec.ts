import { serviceAddresses } from './service-addresses';

describe('serviceAddresses', () => {
  it("defaults to the README's local ports", () => {
    expect(serviceAddresses({})).toEqual({ blending: '127.0.0.1:50051', retrieval: '127.0.0.1:50052', ranking: '127.0.0.1:50053', feature: '127.0.0.1:50054' });
  });

  it('takes an address from the environment over the default', () => {
    expect(serviceAddresses({ RANKING_ADDR: 'ranking:7000' })).toMatchObject({ ranking: 'ranking:7000', feature: '127.0.0.1:50054' });
  });
});
