/**
 * Size budgets (budgets.json): the mini-program's main package and each subpackage as WeChat's
 * compiler builds them (.build/miniprogram; method: bench/miniprogram.ts, PERFORMANCE.md), each
 * built cloud function, and — from the page tests' test/pages/.metrics.json when present — the largest setData and WXML node count.
 */
import fs from 'fs';
import path from 'path';
import { measureMiniprogram } from '../../bench/miniprogram';

const repo = path.join(__dirname, '..', '..');
const budgets = JSON.parse(fs.readFileSync(path.join(repo, 'budgets.json'), 'utf8')) as {
  miniprogram: { mainBytes: number; subpackageBytes: number; setDataBytes: number; wxmlNodes: number };
  functions: { bundleBytes: number };
};

test('main package ≤ mainBytes, each subpackage ≤ subpackageBytes', () => {
  const sizes = measureMiniprogram(repo);
  expect(Object.keys(sizes.subpackages).length).toBeGreaterThan(0);
  expect({ main: sizes.main.bytes <= budgets.miniprogram.mainBytes, bytes: sizes.main.bytes }).toEqual({
    main: true,
    bytes: sizes.main.bytes,
  });
  for (const [root, s] of Object.entries(sizes.subpackages)) {
    expect({ root, within: s.bytes <= budgets.miniprogram.subpackageBytes, bytes: s.bytes }).toEqual({
      root,
      within: true,
      bytes: s.bytes,
    });
  }
});

test('each built cloud function (cloudfunctions/<fn>/index.js) ≤ bundleBytes', () => {
  const root = path.join(repo, 'cloudfunctions');
  const fns = fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'index.ts')));
  expect(fns.length).toBeGreaterThan(0);
  for (const fn of fns) {
    const file = path.join(root, fn, 'index.js');
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
    const bytes = fs.statSync(file).size;
    expect({ fn, within: bytes <= budgets.functions.bundleBytes, bytes }).toEqual({ fn, within: true, bytes });
  }
});

// The largest setData and WXML node count are checked against these budgets by every page test
// file as it ends (test/pages/harness.ts), where they are measured; the benchmark reports them.
