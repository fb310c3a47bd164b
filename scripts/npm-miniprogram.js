// Builds the mini-program's npm folders the way DevTools' “构建 npm” would, offline, and puts each
// Vant file where it ships: a component the main package uses goes to miniprogram/miniprogram_npm,
// one only a subpackage uses goes to that subpackage's own miniprogram_npm (so the main package
// carries nothing only subpackages need). What is copied is exactly what our usingComponents and
// imports reach, with what those files require, include or import in turn (Vant: lib/, since dist/
// is ES modules). Generated, not committed; runs after every npm install and in every build.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const mpRoot = path.join(root, 'miniprogram');
const PACKAGE = '@vant/weapp';
const source = path.join(root, 'node_modules', PACKAGE, 'lib');
const MARK = `/miniprogram_npm/${PACKAGE}/`;

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'miniprogram_npm' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Every place our sources point into an npm folder: [npm folder (relative to miniprogram/), path inside the package]. */
function references() {
  const refs = [];
  const add = (absolute) => {
    const rel = path.relative(mpRoot, absolute).split(path.sep).join('/');
    const at = `/${rel}`.indexOf(MARK);
    if (at >= 0) refs.push([`/${rel}`.slice(1, at + '/miniprogram_npm'.length), `/${rel}`.slice(at + MARK.length)]);
  };
  for (const file of walk(mpRoot)) {
    if (file.endsWith('.json')) {
      let json;
      try {
        json = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      for (const ref of Object.values(json.usingComponents ?? {})) {
        if (typeof ref !== 'string' || !ref.includes(MARK.slice(1))) continue;
        add(ref.startsWith('/') ? path.join(mpRoot, ref) : path.resolve(path.dirname(file), ref));
      }
    } else if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]*miniprogram_npm[^'"]*)['"]/g))
        add(path.resolve(path.dirname(file), m[1]));
    }
  }
  return refs;
}

/** The files of the package one entry needs (a component base or a module), relative to lib/. */
function closure(entries) {
  const seen = new Set();
  const queue = [];
  const push = (rel) => {
    if (!seen.has(rel) && fs.existsSync(path.join(source, rel))) {
      seen.add(rel);
      queue.push(rel);
    }
  };
  const addBase = (base) => {
    for (const ext of ['.js', '.json', '.wxml', '.wxss', '.wxs', '.d.ts']) push(base + ext);
    if (fs.existsSync(path.join(source, base, 'index.js'))) addBase(path.posix.join(base, 'index'));
  };
  for (const e of entries) addBase(e.replace(/\.(js|ts)$/, ''));
  while (queue.length > 0) {
    const rel = queue.shift();
    const dir = path.posix.dirname(rel);
    const text = fs.readFileSync(path.join(source, rel), 'utf8');
    const resolve = (ref) => path.posix.normalize(path.posix.join(dir, ref)).replace(/\.(js|wxs|wxml|wxss)$/, (x) => x);
    if (rel.endsWith('.json')) for (const ref of Object.values(JSON.parse(text).usingComponents ?? {})) addBase(resolve(ref));
    if (rel.endsWith('.js') || rel.endsWith('.wxs')) {
      for (const m of text.matchAll(/require\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
        const target = resolve(m[1]);
        if (/\.(js|wxs)$/.test(target)) push(target);
        else addBase(target);
      }
    }
    if (rel.endsWith('.wxml'))
      for (const m of text.matchAll(/<(?:wxs|import|include)\b[^>]*\bsrc\s*=\s*['"]([^'"]+)['"]/g)) push(resolve(m[1]));
    if (rel.endsWith('.wxss')) for (const m of text.matchAll(/@import\s+['"]([^'"]+)['"]/g)) push(resolve(m[1]));
  }
  return seen;
}

function build() {
  if (!fs.existsSync(source)) {
    console.warn(`miniprogram_npm: ${PACKAGE} is not installed, skipped`);
    return;
  }
  const byFolder = new Map();
  for (const [folder, entry] of references()) {
    if (!byFolder.has(folder)) byFolder.set(folder, []);
    byFolder.get(folder).push(entry);
  }
  // Start clean: a component no longer used, or now used by the main package, must not linger.
  const stale = [path.join(mpRoot, 'miniprogram_npm'), ...walkDirs(mpRoot).filter((d) => path.basename(d) === 'miniprogram_npm')];
  for (const d of stale) fs.rmSync(d, { recursive: true, force: true });
  const summary = [];
  for (const [folder, entries] of byFolder) {
    const files = closure(entries);
    for (const rel of files) {
      const dest = path.join(mpRoot, folder, PACKAGE, rel);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(path.join(source, rel), dest);
    }
    summary.push(`${folder} (${files.size} files)`);
  }
  console.log(`miniprogram_npm: ${PACKAGE} → ${summary.join(', ')}`);
}

function walkDirs(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    out.push(p);
    if (e.name !== 'miniprogram_npm') walkDirs(p, out);
  }
  return out;
}

if (require.main === module) build();
module.exports = { build };
