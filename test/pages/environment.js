// The jsdom environment for page tests, plus the Node globals the emulator, the seed script and
// wx-server-sdk need in the same process (jsdom's window has no fetch or setImmediate).
const { TestEnvironment } = require('jest-environment-jsdom');

class PageEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const g = this.global;
    for (const name of [
      'fetch',
      'Headers',
      'Request',
      'Response',
      'FormData',
      'Blob',
      'setImmediate',
      'clearImmediate',
      'TextEncoder',
      'TextDecoder',
      'structuredClone',
      'AbortController',
      'AbortSignal',
      'ReadableStream',
    ]) {
      if (globalThis[name] !== undefined) g[name] = globalThis[name];
    }
  }
}

module.exports = PageEnvironment;
