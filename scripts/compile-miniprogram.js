// Compiles the mini-program with WeChat's own compiler (miniprogram-ci, the compile module of
// DevTools), offline, into .build/miniprogram/ — the package exactly as it would be uploaded —
// and runs DevTools' 代码质量 checks into .build/miniprogram-quality.json. Tests and size budgets
// read both. Run as its own process: checkCodeQuality leaves a file watcher open, so it exits itself.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, '.build', 'miniprogram');
const qualityFile = path.join(root, '.build', 'miniprogram-quality.json');

async function main() {
  // The compiler logs its progress on stdout; keep it for a failure only.
  const log = [];
  const { log: consoleLog, info: consoleInfo } = console;
  console.log = console.info = (...a) => log.push(a.join(' '));
  try {
    const ci = require('miniprogram-ci');
    const { appid } = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8'));
    const project = new ci.Project({
      appid,
      type: 'miniProgram',
      projectPath: root,
      // Any non-empty key: nothing is uploaded, and `attr` below answers what the server would.
      privateKey: 'offline',
      ignores: ['node_modules/**/*'],
      attr: async () => ({
        platform: false,
        appType: 0,
        isSandbox: false,
        released: false,
        setting: {
          MaxCodeSize: 2,
          MaxSubpackageSubCodeSize: 2,
          MaxSubpackageFullCodeSize: 20,
          NavigateMiniprogramLimit: 10,
          MaxSubPackageLimit: 100,
        },
      }),
    });
    const files = await ci.getCompiledResult({ project, setting: { useProjectConfig: true }, onProgressUpdate: () => {} });
    fs.rmSync(outDir, { recursive: true, force: true });
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(outDir, name.replace(/^\.\//, ''));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    const quality = await ci.checkCodeQuality(project);
    fs.writeFileSync(qualityFile, `${JSON.stringify(quality, null, 2)}\n`);
    console.log = consoleLog;
    console.log(`compiled the mini-program: ${Object.keys(files).length} files in .build/miniprogram`);
  } catch (e) {
    console.log = consoleLog;
    console.info = consoleInfo;
    console.error(log.join('\n'));
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  }
}

main().then(() => process.exit(0));
