/**
 * npm run deploy's plan, against the repository's own declaration: an empty environment gets every
 * declared collection, index, rule, function and seed; a second plan after the first is empty; a
 * schema change shows up as exactly that change; nothing is ever dropped; and the dry run without
 * credentials prints the plan and names what is missing.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { applied, emptyState, formatPlan, planDeploy, readDeclaration, type Declaration, type Step } from '../../scripts/deploy-plan';
import { deadlinePolicies, dutyRules, meetRules, visitRules } from '../../scripts/demo-county';

const ROOT = path.resolve(__dirname, '..', '..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'database', 'schema.json'), 'utf8')) as {
  collections: Record<string, { indexes: { name: string; keys: Record<string, number>; unique?: boolean }[] }>;
};
const FUNCTIONS = fs
  .readdirSync(path.join(ROOT, 'cloudfunctions'))
  .filter((d) => fs.existsSync(path.join(ROOT, 'cloudfunctions', d, 'config.json')))
  .sort();

let decl: Declaration;
beforeAll(() => {
  decl = readDeclaration(ROOT, { progressTemplate: 'tmpl-p', deadlineTemplate: 'tmpl-d' });
});

const kinds = (steps: Step[]): string[] => steps.map((s) => s.kind);
const mutations = (steps: Step[]): Step[] => steps.filter((s) => s.kind !== 'warning');

test('an empty environment gets everything the repository declares', () => {
  const steps = planDeploy(decl, emptyState());
  const collections = Object.keys(schema.collections);
  expect(steps.filter((s) => s.kind === 'createCollection').map((s) => (s as { collection: string }).collection)).toEqual(collections);
  const indexes = steps.flatMap((s) => (s.kind === 'createIndex' ? [`${s.collection}.${s.index.name}${s.index.unique ? '!' : ''}`] : []));
  expect(indexes).toEqual(
    Object.entries(schema.collections).flatMap(([c, d]) => d.indexes.map((ix) => `${c}.${ix.name}${ix.unique ? '!' : ''}`)),
  );
  // the closed database rule on every collection, the storage rule once
  const rules = steps.filter((s) => s.kind === 'setDatabaseRule');
  expect(rules).toHaveLength(collections.length);
  expect(rules.every((s) => s.kind === 'setDatabaseRule' && s.rule.read === false && s.rule.write === false)).toBe(true);
  expect(steps.filter((s) => s.kind === 'setStorageRule')).toHaveLength(1);
  // every function with its timeout, environment and triggers from its config.json
  const fns = steps.flatMap((s) => (s.kind === 'createFunction' ? [s.fn] : []));
  expect(fns.map((f) => f.name)).toEqual(FUNCTIONS);
  for (const f of fns) {
    const cfg = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', f.name, 'config.json'), 'utf8')) as {
      timeout: number;
      envVariables?: Record<string, string>;
      triggers?: unknown[];
    };
    expect({ timeout: f.timeout, env: f.env, triggers: f.triggers }).toEqual({
      timeout: cfg.timeout,
      env: cfg.envVariables ?? {},
      triggers: cfg.triggers ?? [],
    });
  }
  expect(fns.find((f) => f.name === 'timer')!.triggers).toEqual([{ name: 'chase', type: 'timer', config: '0 */5 * * * * *' }]);
  // the county's policies and settings, and one setup code for the first admin
  const seeds = steps.flatMap((s) => (s.kind === 'seed' ? [[s.collection, s.docs.map((d) => d._id)]] : []));
  expect(seeds).toEqual([
    ['deadline_policies', deadlinePolicies.map((p) => p._id)],
    ['settings', ['subscribe', 'repTargets', 'volTargets', 'dutyCalendar']],
    // the cadres' duties as the rule book sets them (S1–S3, S5, S8)
    ['duty_rules', dutyRules.map((r) => r._id)],
    // who receives the public (S4.2) and the 下访 (S4.3)
    ['meet_rules', meetRules.map((r) => r._id)],
    ['visit_rules', visitRules.map((r) => r._id)],
  ]);
  expect(steps.find((s) => s.kind === 'seed' && s.collection === 'settings')).toMatchObject({
    docs: [
      { _id: 'subscribe', progress: 'tmpl-p', deadline: 'tmpl-d' },
      { _id: 'repTargets', peoplePerYear: 50 },
      { _id: 'volTargets', pairMin: 10, pairMax: 20 },
      { _id: 'dutyCalendar', lunarNewYear: expect.objectContaining({ '2027': '02-06' }) },
    ],
  });
  expect(kinds(steps).filter((k) => k === 'setupCode')).toHaveLength(1);
  // collections exist before their indexes and rules; the plan reads as lines
  expect(kinds(steps).indexOf('createCollection')).toBeLessThan(kinds(steps).indexOf('createIndex'));
  expect(formatPlan(steps)).toHaveLength(steps.length);
});

test('a second plan, after the first has run, changes nothing', () => {
  const after = applied(emptyState(), planDeploy(decl, emptyState()));
  expect(planDeploy(decl, after)).toEqual([]);
  expect(formatPlan([])).toEqual(['环境已与声明一致，无需改动。']);
  // once the setup code is used (an admin exists) no new one is made either
  expect(planDeploy(decl, { ...after, setupPending: false, admins: 1 })).toEqual([]);
});

test('a schema change shows up in the plan as exactly that change', () => {
  const after = applied(emptyState(), planDeploy(decl, emptyState()));
  const changed: Declaration = JSON.parse(JSON.stringify(decl)) as Declaration;
  changed.collections.requests!.push({ name: 'category_createdAt', keys: { category: 1, createdAt: -1, _id: -1 }, unique: false });
  // a collection the declaration does not have yet (S6 volunteer teams)
  changed.collections.volunteer_teams = [{ name: 'unitId', keys: { unitId: 1 }, unique: false }];
  expect(formatPlan(planDeploy(changed, after))).toEqual([
    '+ 创建索引 requests.category_createdAt（category:1,createdAt:-1,_id:-1）',
    '+ 创建集合 volunteer_teams',
    '+ 创建索引 volunteer_teams.unitId（unitId:1）',
    '~ 设置集合 volunteer_teams 的安全规则 {"read":false,"write":false}',
  ]);
});

test('a new bundle, timeout, environment or trigger is uploaded for that function only', () => {
  const after = applied(emptyState(), planDeploy(decl, emptyState()));
  const changed: Declaration = JSON.parse(JSON.stringify(decl)) as Declaration;
  const timer = changed.functions.find((f) => f.name === 'timer')!;
  timer.triggers = [{ name: 'chase', type: 'timer', config: '0 */10 * * * * *' }];
  const user = changed.functions.find((f) => f.name === 'user')!;
  user.codeHash = 'f'.repeat(64);
  user.timeout = 5;
  expect(planDeploy(changed, after).map((s) => `${s.kind} ${'fn' in s ? s.fn.name : ''}`)).toEqual([
    'setTriggers timer',
    'updateFunctionCode user',
    'updateFunctionConfig user',
  ]);
  expect(planDeploy(changed, after).find((s) => s.kind === 'setTriggers')).toMatchObject({ remove: ['chase'] });
  expect(planDeploy(changed, applied(after, planDeploy(changed, after)))).toEqual([]);
});

test('nothing is dropped: what the environment has beyond the declaration is kept and reported', () => {
  const after = applied(emptyState(), planDeploy(decl, emptyState()));
  after.collections.old_things = { indexes: [{ name: 'x', keys: { x: 1 }, unique: false }], rule: null };
  after.collections.requests!.indexes.push({ name: 'legacy', keys: { legacy: 1 }, unique: false });
  after.functions.legacyFn = { runtime: 'Nodejs16.13', timeout: 3, env: {}, triggers: [], codeHash: null };
  after.functions.timer!.triggers.push({ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' });
  // an index declared differently from the one in place: a warning, never a drop and rebuild
  after.collections.cards!.indexes = after.collections.cards!.indexes.map((ix) => (ix.name === 'scene' ? { ...ix, unique: false } : ix));
  const steps = planDeploy(decl, after);
  expect(mutations(steps)).toEqual([]);
  expect(formatPlan(steps)).toEqual([
    '! cards 的索引 scene 与声明不同（现有 scene:1，声明 scene:1 唯一）：不会自动删除重建，请在控制台核对',
    '! 集合 old_things 不在 database/schema.json 中：保留不动',
  ]);
  // seeds only fill what is missing: an admin's edited policy is not overwritten
  const seeded = planDeploy(decl, { ...after, seeded: { ...after.seeded, deadline_policies: ['policy-general'] } });
  expect(mutations(seeded)).toEqual([
    { kind: 'seed', collection: 'deadline_policies', docs: decl.seeds[0]!.docs.filter((d) => d._id !== 'policy-general') },
  ]);
});

test('npm run deploy -- --dry-run without credentials prints the plan for an empty environment and what is missing', () => {
  const script = path.join(ROOT, '.build', 'scripts', 'deploy.js');
  const env = { ...process.env };
  for (const v of ['CLOUDBASE_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN']) delete env[v];
  const dry = spawnSync(process.execPath, [script, '--dry-run'], { cwd: ROOT, env, encoding: 'utf8' });
  expect(dry.status).toBe(0);
  const lines = dry.stdout.split('\n');
  expect(lines[0]).toBe('部署计划（空环境：未连接云端，缺少 CLOUDBASE_ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY）：');
  for (const line of formatPlan(planDeploy(readDeclaration(ROOT), emptyState()))) expect(lines).toContain(`  ${line}`);
  expect(dry.stdout).toContain('要读取云端现状并执行部署，请先设置环境变量');
  // a real run without them changes nothing and fails; with one of them given, only the others are named
  const real = spawnSync(process.execPath, [script], { cwd: ROOT, env, encoding: 'utf8' });
  expect(real.status).toBe(1);
  expect(real.stderr).toContain('未部署：缺少凭据');
  const partial = spawnSync(process.execPath, [script, '--dry-run'], {
    cwd: ROOT,
    env: { ...env, CLOUDBASE_ENV_ID: 'county-test' },
    encoding: 'utf8',
  });
  expect(partial.stdout.split('\n')[0]).toBe('部署计划（空环境：未连接云端，缺少 TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY）：');
});

test('the ballot secret reaches the survey and 三问 functions only; the plan names it and never prints it; a deploy without it says how to make one', () => {
  const secret = 'county-ballot-secret-0123456789-abcdefghijklmnop';
  const withSecret = readDeclaration(ROOT, { ballotSecret: secret });
  expect(withSecret.functions.filter((f) => f.env.LIANXIN_BALLOT_SECRET === secret).map((f) => f.name)).toEqual(['consult', 'survey']);
  const text = formatPlan(planDeploy(withSecret, emptyState())).join('\n');
  expect(text).not.toContain(secret);
  expect(text).toContain('"LIANXIN_BALLOT_SECRET":"（已设置，不显示）"');
  // the same secret at the next deploy changes nothing; another one is a configuration change of those two
  const after = applied(emptyState(), planDeploy(withSecret, emptyState()));
  expect(mutations(planDeploy(withSecret, after))).toEqual([]);
  const changed = mutations(planDeploy(readDeclaration(ROOT, { ballotSecret: `${secret}-new` }), after));
  expect(changed.map((s) => (s.kind === 'updateFunctionConfig' ? s.fn.name : s.kind))).toEqual(['consult', 'survey']);

  const env = { ...process.env };
  for (const v of ['CLOUDBASE_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'LIANXIN_BALLOT_SECRET']) delete env[v];
  const dry = spawnSync(process.execPath, [path.join(ROOT, '.build', 'scripts', 'deploy.js'), '--dry-run'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  expect(dry.stdout).toContain('LIANXIN_BALLOT_SECRET 未设置或少于 32 个字符');
  const given = spawnSync(process.execPath, [path.join(ROOT, '.build', 'scripts', 'deploy.js'), '--dry-run'], {
    cwd: ROOT,
    env: { ...env, LIANXIN_BALLOT_SECRET: secret },
    encoding: 'utf8',
  });
  expect(given.stdout).not.toContain('LIANXIN_BALLOT_SECRET 未设置');
  expect(given.stdout).not.toContain(secret);
});
