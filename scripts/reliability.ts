/**
 * `npm run reliability`: the suites of test/reliability at the large size (LIANXIN_RELIABILITY=large
 * multiplies their runs), then exactly one line on stdout:
 *   reliability: <inputs> inputs, <actions> actions, <n> unexpected, <n> leaks, <n> lost, <n> duplicated
 * Exits non-zero unless the last four are 0 (a failed test that counted nothing counts as unexpected).
 * Jest's own report goes to stderr.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

interface Tallies {
  inputs: number;
  actions: string[];
  unexpected: number;
  leaks: number;
  lost: number;
  duplicated: number;
  findings: string[];
  tests: string[];
}
interface JestReport {
  testResults?: {
    name: string;
    testExecError?: unknown;
    failureMessage?: string | null;
    assertionResults: { fullName: string; status: string }[];
  }[];
}

function main(): number {
  const root = path.resolve(__dirname, '..', '..');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-reliability-'));
  const report = path.join(out, 'jest.json');
  const jest = require.resolve('jest/bin/jest', { paths: [root] });
  const run = spawnSync(
    process.execPath,
    [jest, '--rootDir', root, 'test/reliability', '--json', `--outputFile=${report}`, ...process.argv.slice(2)],
    {
      cwd: root,
      env: { ...process.env, LIANXIN_RELIABILITY: process.env.LIANXIN_RELIABILITY || 'large', LIANXIN_RELIABILITY_OUT: out },
      stdio: ['ignore', 2, 2],
    },
  );
  const sum = { inputs: 0, actions: new Set<string>(), unexpected: 0, leaks: 0, lost: 0, duplicated: 0 };
  const counted = new Set<string>();
  const findings: string[] = [];
  for (const f of fs.readdirSync(out).filter((x) => x.endsWith('.test.ts.json'))) {
    const t = JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')) as Tallies;
    sum.inputs += t.inputs;
    t.actions.forEach((a) => sum.actions.add(a));
    sum.unexpected += t.unexpected;
    sum.leaks += t.leaks;
    sum.lost += t.lost;
    sum.duplicated += t.duplicated;
    t.tests.forEach((n) => counted.add(n));
    findings.push(...t.findings);
  }
  // failures the suites did not count themselves (a crash, a timeout, a plain assertion) still count
  const jr: JestReport = fs.existsSync(report) ? (JSON.parse(fs.readFileSync(report, 'utf8')) as JestReport) : {};
  for (const file of jr.testResults ?? []) {
    if (file.testExecError || (file.assertionResults.length === 0 && file.failureMessage)) {
      sum.unexpected += 1;
      findings.push(`unexpected: ${path.relative(root, file.name)} did not run`);
    }
    for (const a of file.assertionResults) {
      if (a.status === 'failed' && !counted.has(a.fullName)) {
        sum.unexpected += 1;
        findings.push(`unexpected: ${a.fullName}`);
      }
    }
  }
  if (!fs.existsSync(report) || run.status === null) {
    sum.unexpected += 1;
    findings.push(`unexpected: jest ended with ${String(run.status ?? run.signal)}`);
  }
  if (run.status !== 0 && sum.unexpected + sum.leaks + sum.lost + sum.duplicated === 0) {
    sum.unexpected += 1;
    findings.push(`unexpected: jest exited with ${String(run.status ?? run.signal)}`);
  }
  for (const f of findings) process.stderr.write(`  ${f}\n`);
  fs.rmSync(out, { recursive: true, force: true });
  process.stdout.write(
    `reliability: ${sum.inputs} inputs, ${sum.actions.size} actions, ${sum.unexpected} unexpected, ${sum.leaks} leaks, ${sum.lost} lost, ${sum.duplicated} duplicated\n`,
  );
  return sum.unexpected + sum.leaks + sum.lost + sum.duplicated === 0 ? 0 : 1;
}

process.exitCode = main();
