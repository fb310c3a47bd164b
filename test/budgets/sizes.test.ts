/**
 * Size budgets (budgets.json): the mini-program's main package and each subpackage as WeChat packages
 * them (method: bench/miniprogram.ts, PERFORMANCE.md), each built cloud function, and — from the page
 * tests' test/pages/.metrics.json when present — the largest setData and WXML node count.
 */
import fs from 'fs';
import path from 'path';
import { measureMiniprogram } from '../../bench/miniprogram';
import { readPageMetrics } from '../../bench/metrics';

const repo = path.join(__dirname, '..', '..');
const budgets = JSON.parse(fs.readFileSync(path.join(repo, 'budgets.json'), 'utf8')) as {
  miniprogram: { mainBytes: number; subpackageBytes: number; setDataBytes: number; wxmlNodes: number };
  functions: { bundleBytes: number };
};

test('main package ≤ mainBytes, each subpackage ≤ subpackageBytes', () => {
  const sizes = measureMiniprogram(repo);
  expect(Object.keys(sizes.subpackages).length).toBeGreaterThan(0);
  expect({ main: sizes.main.bytes <= budgets.miniprogram.mainBytes, bytes: sizes.main.bytes }).toEqual({ main: true, bytes: sizes.main.bytes });
  for (const [root, s] of Object.entries(sizes.subpackages)) {
    expect({ root, within: s.bytes <= budgets.miniprogram.subpackageBytes, bytes: s.bytes }).toEqual({ root, within: true, bytes: s.bytes });
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

const metrics = readPageMetrics(repo);
const withMetrics = metrics ? test : test.skip;
withMetrics(
  metrics
    ? 'largest setData ≤ setDataBytes and WXML nodes ≤ wxmlNodes (test/pages/.metrics.json)'
    : 'largest setData and WXML nodes — SKIPPED: test/pages/.metrics.json is not there (the page tests write it); run the page tests first',
  () => {
    expect(metrics!.maxSetDataBytes).toBeLessThanOrEqual(budgets.miniprogram.setDataBytes);
    if (metrics!.maxWxmlNodes !== null) expect(metrics!.maxWxmlNodes).toBeLessThanOrEqual(budgets.miniprogram.wxmlNodes);
  },
);
