// Builds what runs outside jest: each cloud function (its thin index.ts with the shared
// server/ code bundled in; the function's package.json dependencies stay external),
// the emulator's entry points, and the mini-program as WeChat's compiler makes it
// (scripts/compile-miniprogram.js). Output is generated, never committed.
const { execFileSync } = require('child_process');
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const fnRoot = path.join(root, 'cloudfunctions');

async function build() {
  const functions = fs.readdirSync(fnRoot).filter((d) => fs.existsSync(path.join(fnRoot, d, 'index.ts')));
  const common = { bundle: true, platform: 'node', target: 'node16', format: 'cjs', logLevel: 'warning', legalComments: 'none' };
  await Promise.all(
    functions.map((fn) =>
      esbuild.build({
        ...common,
        entryPoints: [path.join(fnRoot, fn, 'index.ts')],
        outfile: path.join(fnRoot, fn, 'index.js'),
        // The function's own dependencies (wx-server-sdk; exceljs for survey) are installed beside it
        // in the cloud, not bundled: they would take a bundle past its size budget.
        external: Object.keys(JSON.parse(fs.readFileSync(path.join(fnRoot, fn, 'package.json'), 'utf8')).dependencies ?? {}),
        minify: true,
      }),
    ),
  );
  // The local cloud and the developer scripts, run with plain node by npm start / npm run story.
  const tools = {
    emulator: ['emulator/cli.ts', 'emulator/worker.ts'],
    scripts: ['scripts/story.ts', 'scripts/start.ts', 'scripts/bench.ts', 'scripts/reliability.ts', 'scripts/deploy.ts'],
  };
  for (const [dir, entries] of Object.entries(tools)) {
    await esbuild.build({
      ...common,
      target: 'node20',
      entryPoints: entries.map((f) => path.join(root, f)),
      outdir: path.join(root, '.build', dir),
      packages: 'external',
    });
  }
  // The mini-program: Vant where it ships (as after npm install, in case a usingComponents
  // changed since), then WeChat's compiler in its own process (miniprogram-ci leaves a watcher
  // running and must exit to finish; its progress lines are dropped unless it fails).
  require('./npm-miniprogram').build();
  const compiled = execFileSync(process.execPath, [path.join(__dirname, 'compile-miniprogram.js')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  console.log(
    compiled
      .split('\n')
      .filter((l) => l.startsWith('compiled '))
      .join('\n'),
  );
  return functions;
}

if (require.main === module) {
  build().then(
    (fns) => console.log(`built ${fns.length} functions: ${fns.join(', ')}`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
module.exports = { build };
