/**
 * The mini-program as WeChat's compiler made it (`npm run build` → scripts/compile-miniprogram.js):
 * where it is, and the checks that it can load on a phone — every `require` resolves inside the
 * package, every page and `usingComponents` entry is in it, and DevTools' 代码质量 checks pass.
 */
import fs from 'fs';
import path from 'path';
import { walk } from '../../bench/miniprogram';

const repo = path.resolve(__dirname, '..', '..');
/** The compiled package, as uploaded. */
const COMPILED = path.join(repo, '.build', 'miniprogram');
const QUALITY_FILE = path.join(repo, '.build', 'miniprogram-quality.json');

/** Fails clearly when the build has not run (jest alone does not build). */
export function compiledRoot(): string {
  if (!fs.existsSync(path.join(COMPILED, 'app.json'))) throw new Error(`${COMPILED} is missing: run npm run build`);
  return COMPILED;
}

const isFile = (f: string): boolean => fs.existsSync(f) && fs.statSync(f).isFile();
const rel = (root: string, f: string): string => path.relative(root, f).split(path.sep).join('/');
const inside = (root: string, f: string): boolean => !path.relative(root, f).startsWith('..');

/**
 * Where the mini-program's `require` finds a module: relative to the file (also for a bare name,
 * as the base library does), else in a miniprogram_npm folder of an enclosing directory.
 */
function resolveRequire(root: string, from: string, spec: string): string | null {
  const bases = spec.startsWith('/') ? [path.join(root, spec)] : [path.resolve(path.dirname(from), spec)];
  if (!spec.startsWith('.') && !spec.startsWith('/')) {
    for (let dir = path.dirname(from); inside(root, dir); dir = path.dirname(dir)) {
      bases.push(path.join(dir, 'miniprogram_npm', spec));
      if (dir === root) break;
    }
  }
  for (const base of bases) {
    for (const f of [base, `${base}.js`, path.join(base, 'index.js')]) if (isFile(f)) return f;
  }
  return null;
}

/** Every `require` of the package that does not resolve to a file inside it. */
export function unresolvedRequires(root: string): string[] {
  const problems: string[] = [];
  for (const file of walk(root).filter((f) => f.endsWith('.js') || f.endsWith('.wxs'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      const spec = m[1]!;
      const target = resolveRequire(root, file, spec);
      if (!target || !inside(root, target)) problems.push(`${rel(root, file)}: require("${spec}")`);
    }
  }
  return problems;
}

interface AppJson {
  pages: string[];
  subpackages?: { root: string; pages: string[] }[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string }[] };
  usingComponents?: Record<string, string>;
}

const readJson = <T>(f: string): T => JSON.parse(fs.readFileSync(f, 'utf8')) as T;

/** Every page of app.json, with its subpackage root. */
export function pagesOf(root: string): string[] {
  const app = readJson<AppJson>(path.join(root, 'app.json'));
  const subs = app.subpackages ?? app.subPackages ?? [];
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => path.posix.join(s.root, p)))];
}

/** Pages, tab pages and `usingComponents` entries the package lacks (a component needs .js, .json and .wxml). */
export function missingPagesAndComponents(root: string): string[] {
  const problems: string[] = [];
  const app = readJson<AppJson>(path.join(root, 'app.json'));
  const complete = (base: string): boolean => ['.js', '.json', '.wxml'].every((ext) => isFile(base + ext));
  const pages = pagesOf(root);
  for (const p of pages) if (!complete(path.join(root, p))) problems.push(`page ${p}`);
  for (const t of app.tabBar?.list ?? []) if (!pages.includes(t.pagePath)) problems.push(`tab ${t.pagePath} is not a page`);
  for (const file of walk(root).filter((f) => f.endsWith('.json'))) {
    let json: { usingComponents?: Record<string, string> };
    try {
      json = readJson(file);
    } catch {
      problems.push(`${rel(root, file)}: not JSON`);
      continue;
    }
    for (const [tag, ref] of Object.entries(json.usingComponents ?? {})) {
      if (ref.startsWith('plugin://')) continue;
      const base = ref.startsWith('/') ? path.join(root, ref) : path.resolve(path.dirname(file), ref);
      if (!inside(root, base) || !complete(base)) problems.push(`${rel(root, file)}: <${tag}> ${ref}`);
    }
  }
  return problems;
}

export interface QualityItem {
  name: string;
  success: boolean;
  text: string;
  detail?: unknown;
}

/**
 * The 代码质量 items that fail. DevTools reports the two "main package carries what only
 * subpackages use" items as passed and lists the files: a listed file is a failure here.
 */
export function qualityFailures(items: QualityItem[]): string[] {
  const failures: string[] = [];
  for (const item of items) {
    if (!item.success) failures.push(`${item.name}: ${item.text}`);
    if (item.name === 'CONTAINS_OTHER_PKG_JS' || item.name === 'CONTAINS_OTHER_PKG_COMPONENTS') {
      const d = item.detail as { files?: string[] } | string[] | undefined;
      const files = Array.isArray(d) ? d : (d?.files ?? []);
      if (files.length > 0) failures.push(`${item.name}: ${files.join(', ')}`);
    }
  }
  return failures;
}

export function qualityItems(): QualityItem[] {
  compiledRoot();
  return readJson<QualityItem[]>(QUALITY_FILE);
}
