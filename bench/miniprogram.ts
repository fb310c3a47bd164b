/**
 * What the mini-program weighs as WeChat uploads it: the compiled package that `npm run build`
 * writes with WeChat's own compiler (scripts/compile-miniprogram.js → .build/miniprogram: TypeScript
 * compiled and minified, WXML/WXSS compressed, unused files filtered out, Vant only where it is
 * used). A file under a subpackage's root (app.json) belongs to that subpackage — its own
 * miniprogram_npm included — and every other file to the main package.
 */
import fs from 'fs';
import path from 'path';

interface PackageSize {
  bytes: number;
  files: number;
}

export interface MiniprogramSizes {
  main: PackageSize & { ownBytes: number; npmBytes: number; npmFiles: number };
  subpackages: Record<string, PackageSize>;
}

/** Every file below `dir`. */
export function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

export function measureMiniprogram(repo: string): MiniprogramSizes {
  const compiled = path.join(repo, '.build', 'miniprogram');
  if (!fs.existsSync(path.join(compiled, 'app.json'))) throw new Error(`${compiled} is missing: run npm run build`);
  const app = JSON.parse(fs.readFileSync(path.join(compiled, 'app.json'), 'utf8')) as {
    subpackages?: { root: string }[];
    subPackages?: { root: string }[];
  };
  const roots = (app.subpackages ?? app.subPackages ?? []).map((s) => s.root.replace(/\/+$/, ''));
  const main = { bytes: 0, files: 0, ownBytes: 0, npmBytes: 0, npmFiles: 0 };
  const subpackages: Record<string, PackageSize> = Object.fromEntries(roots.map((r) => [r, { bytes: 0, files: 0 }]));
  for (const f of walk(compiled)) {
    const rel = path.relative(compiled, f).split(path.sep).join('/');
    const bytes = fs.statSync(f).size;
    const root = roots.find((r) => rel.startsWith(`${r}/`));
    if (root) {
      subpackages[root]!.bytes += bytes;
      subpackages[root]!.files++;
    } else if (rel.startsWith('miniprogram_npm/')) {
      main.npmBytes += bytes;
      main.npmFiles++;
    } else {
      main.ownBytes += bytes;
      main.files++;
    }
  }
  main.bytes = main.ownBytes + main.npmBytes;
  main.files += main.npmFiles;
  return { main, subpackages };
}
