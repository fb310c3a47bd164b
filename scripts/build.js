// Builds what runs outside jest: each cloud function (its thin index.ts with the shared
// server/ code bundled in; wx-server-sdk stays external, it is the function's own dependency)
// and the emulator's entry points. Output is generated, never committed.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const fnRoot = path.join(root, 'cloudfunctions');

async function build() {
  const functions = fs.readdirSync(fnRoot).filter((d) => fs.existsSync(path.join(fnRoot, d, 'index.ts')));
  const common = { bundle: true, platform: 'node', target: 'node16', format: 'cjs', logLevel: 'warning', legalComments: 'none' };
  await Promise.all(functions.map((fn) => esbuild.build({
    ...common,
    entryPoints: [path.join(fnRoot, fn, 'index.ts')],
    outfile: path.join(fnRoot, fn, 'index.js'),
    external: ['wx-server-sdk'],
    minify: true,
  })));
  const emulatorEntries = ['cli.ts', 'worker.ts'].map((f) => path.join(root, 'emulator', f)).filter((f) => fs.existsSync(f));
  if (emulatorEntries.length) {
    await esbuild.build({
      ...common,
      target: 'node20',
      entryPoints: emulatorEntries,
      outdir: path.join(root, '.build', 'emulator'),
      packages: 'external',
    });
  }
  return functions;
}

if (require.main === module) {
  build().then((fns) => console.log(`built ${fns.length} functions: ${fns.join(', ')}`), (e) => { console.error(e.message); process.exit(1); });
}
module.exports = { build };
