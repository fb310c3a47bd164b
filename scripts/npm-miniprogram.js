// Builds miniprogram/miniprogram_npm the way DevTools' “构建 npm” would, offline: each
// mini-program package's published folder is copied in (Vant: lib/, since dist/ is ES modules).
// Generated, not committed; runs after every npm install.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'miniprogram', 'miniprogram_npm');
const packages = [{ name: '@vant/weapp', from: 'lib' }];

for (const { name, from } of packages) {
  const src = path.join(root, 'node_modules', name, from);
  if (!fs.existsSync(src)) {
    console.warn(`miniprogram_npm: ${name} is not installed, skipped`);
    continue;
  }
  const dest = path.join(target, name);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(src, dest, { recursive: true });
}
console.log(`miniprogram_npm: ${packages.map((p) => p.name).join(', ')}`);
