import { parseCommand } from './args';

describe('cascade debug-page arguments', () => {
  it('serves on 8090 against the blending address from the environment by default', () => {
    expect(parseCommand(['debug-page'], { BLENDING_ADDR: 'b:9' })).toEqual({ kind: 'debug-page', port: 8090, blendingAddress: 'b:9', deadlineMs: 2000 });
    expect(parseCommand(['debug-page'], {})).toMatchObject({ blendingAddress: '127.0.0.1:50051' });
  });

  it('takes the port from --port, else DEBUG_PAGE_PORT, and the address from --blending', () => {
    expect(parseCommand(['debug-page', '--port', '9000', '--blending', 'localhost:50051', '--deadline-ms', '500'], { DEBUG_PAGE_PORT: '7000' })).toEqual({
      kind: 'debug-page',
      port: 9000,
      blendingAddress: 'localhost:50051',
      deadlineMs: 500,
    });
    expect(parseCommand(['debug-page'], { DEBUG_PAGE_PORT: '7000' })).toMatchObject({ port: 7000 });
    expect(parseCommand(['debug-page', '--port', '0'], {})).toMatchObject({ port: 0 });
  });

  it('refuses a port that is not a whole number from 0 to 65535', () => {
    expect(() => parseCommand(['debug-page', '--port', 'http'], {})).toThrow(/--port must be an integer >= 0, got "http"/);
    expect(() => parseCommand(['debug-page'], { DEBUG_PAGE_PORT: '-1' })).toThrow(/--port must be an integer/);
    expect(() => parseCommand(['debug-page', '--port', '70000'], {})).toThrow(/--port must be at most 65535/);
  });
});
