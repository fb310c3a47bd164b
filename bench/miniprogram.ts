/**
 * What the mini-program weighs as WeChat packages it, from miniprogram/ and app.json:
 * - a file under a subpackage's root belongs to that subpackage; every other file of ours to the main
 *   package (tab pages, app.*, components/, services/, utils/, config);
 * - TypeScript counts as the JavaScript DevTools uploads: each .ts compiled and minified with esbuild
 *   (project.config.json has useCompilerPlugins typescript and minified: true); .d.ts, tsconfig.json
 *   and what packOptions.ignore lists are not uploaded; .wxml/.wxss/.json/.wxs count as they are;
 * - miniprogram_npm sits at the root, so it is main-package code; only the files reachable from a
 *   usingComponents entry (of app.json or any page or component, main or subpackage) count, the way
 *   DevTools' “filter unused files” uploads them: each component's .js/.json/.wxml/.wxss, and what
 *   those reach through require(), usingComponents, <wxs src>, <import>/<include> and @import.
 */
import fs from 'fs';
import path from 'path';
import { transformSync } from 'esbuild';

export interface PackageSize {
  bytes: number;
  files: number;
}

export interface MiniprogramSizes {
  main: PackageSize & { ownBytes: number; npmBytes: number; npmFiles: number };
  subpackages: Record<string, PackageSize>;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function uploadedBytes(file: string): number {
  if (file.endsWith('.ts')) {
    const js = transformSync(fs.readFileSync(file, 'utf8'), { loader: 'ts', minify: true, format: 'cjs', target: 'es2017' }).code;
    return Buffer.byteLength(js);
  }
  return fs.statSync(file).size;
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Files of miniprogram_npm reachable from our usingComponents. */
function npmClosure(mpRoot: string, jsonFiles: string[]): Set<string> {
  const npmRoot = path.join(mpRoot, 'miniprogram_npm');
  const seen = new Set<string>();
  const queue: string[] = [];
  const resolveRef = (from: string, ref: string): string => (ref.startsWith('/') ? path.join(mpRoot, ref) : path.resolve(path.dirname(from), ref));
  const addComponent = (base: string): void => {
    for (const ext of ['.js', '.json', '.wxml', '.wxss']) {
      const f = base + ext;
      if (fs.existsSync(f) && !seen.has(f)) {
        seen.add(f);
        queue.push(f);
      }
    }
  };
  const addFile = (f: string): void => {
    const candidates = [f, `${f}.js`, path.join(f, 'index.js')];
    for (const c of candidates) {
      if (fs.existsSync(c) && fs.statSync(c).isFile()) {
        if (!seen.has(c)) {
          seen.add(c);
          queue.push(c);
        }
        return;
      }
    }
  };
  const usingOf = (file: string): string[] => Object.values((readJson(file)?.usingComponents ?? {}) as Record<string, string>);
  for (const j of jsonFiles) for (const ref of usingOf(j)) {
    const target = resolveRef(j, ref);
    if (target.startsWith(npmRoot)) addComponent(target);
  }
  while (queue.length > 0) {
    const f = queue.shift()!;
    const text = fs.readFileSync(f, 'utf8');
    if (f.endsWith('.json')) for (const ref of usingOf(f)) addComponent(resolveRef(f, ref));
    if (f.endsWith('.js') || f.endsWith('.wxs')) for (const m of text.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) if (m[1].startsWith('.')) addFile(resolveRef(f, m[1]));
    if (f.endsWith('.wxml')) for (const m of text.matchAll(/<(?:wxs|import|include)\b[^>]*\bsrc\s*=\s*['"]([^'"]+)['"]/g)) addFile(resolveRef(f, m[1]));
    if (f.endsWith('.wxss')) for (const m of text.matchAll(/@import\s+['"]([^'"]+)['"]/g)) addFile(resolveRef(f, m[1]));
  }
  return seen;
}

export function measureMiniprogram(repo: string): MiniprogramSizes {
  const mpRoot = path.join(repo, 'miniprogram');
  const app = readJson(path.join(mpRoot, 'app.json')) ?? {};
  const roots = ((app.subpackages ?? app.subPackages ?? []) as { root: string }[]).map((s) => s.root.replace(/\/+$/, ''));
  const project = readJson(path.join(repo, 'project.config.json')) ?? {};
  const ignored = new Set(((project.packOptions as { ignore?: { value: string }[] } | undefined)?.ignore ?? []).map((i) => i.value));
  const own = walk(mpRoot).filter((f) => {
    const rel = path.relative(mpRoot, f).split(path.sep).join('/');
    return !rel.startsWith('miniprogram_npm/') && !rel.endsWith('.d.ts') && !ignored.has(rel) && !ignored.has(path.basename(rel)) && path.basename(rel) !== 'tsconfig.json';
  });
  const main = { bytes: 0, files: 0, ownBytes: 0, npmBytes: 0, npmFiles: 0 };
  const subpackages: Record<string, PackageSize> = Object.fromEntries(roots.map((r) => [r, { bytes: 0, files: 0 }]));
  for (const f of own) {
    const rel = path.relative(mpRoot, f).split(path.sep).join('/');
    const root = roots.find((r) => rel.startsWith(`${r}/`));
    const bytes = uploadedBytes(f);
    if (root) {
      subpackages[root].bytes += bytes;
      subpackages[root].files++;
    } else {
      main.ownBytes += bytes;
      main.files++;
    }
  }
  const jsonFiles = own.filter((f) => f.endsWith('.json'));
  for (const f of npmClosure(mpRoot, jsonFiles)) {
    main.npmBytes += fs.statSync(f).size;
    main.npmFiles++;
  }
  main.bytes = main.ownBytes + main.npmBytes;
  main.files += main.npmFiles;
  return { main, subpackages };
}
