/** `npm run screens` (not part of npm test): renders pages from the compiled package to PNGs in screens/. */
const base = require('./jest.config');

module.exports = { ...base, testMatch: ['<rootDir>/test/screens/*.screens.ts'], testTimeout: 120000 };
