import { chromiumExecutable } from './debug-page-browser';

describe('chromiumExecutable', () => {
  it('fails with how to install chromium when there is none', () => {
    expect(() => chromiumExecutable({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow(
      'Chromium not found at /nonexistent/chromium: install Debian\'s chromium (apt-get update && apt-get install -y chromium) or point CHROMIUM_PATH at one',
    );
  });
});
