/**
 * What a county's 云开发 environment should hold, read from the repository's one declaration
 * (database/schema.json, database/rules.json, database/storage.rules.json, each function's
 * config.json and built bundle, the county's deadline policies and settings), and the plan that
 * brings an environment there: a pure function of (declaration, current state). It only adds or
 * corrects; it never drops a collection, an index, a document or a function. What it will not
 * change by itself (an index declared differently from the one in place) is shown as a warning.
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { BALLOT_SECRET_VAR } from '../server/ballot';
import { deadlinePolicies, dutyCalendar, dutyRules, meetRules, repTargetSettings, visitRules, volTargetSettings } from './demo-county';

export type Rule = { read: boolean | string; write: boolean | string };
export interface IndexDecl {
  name: string;
  keys: Record<string, 1 | -1>;
  unique: boolean;
}
export interface Trigger {
  name: string;
  type: string;
  config: string;
}
export interface FunctionDecl {
  name: string;
  runtime: string;
  timeout: number;
  env: Record<string, string>;
  triggers: Trigger[];
  /** sha256 of the files uploaded (index.js, package.json, config.json), kept in the description */
  codeHash: string;
  dir: string;
}
export interface SeedDecl {
  collection: string;
  docs: ({ _id: string } & Record<string, unknown>)[];
}
export interface Declaration {
  collections: Record<string, IndexDecl[]>;
  databaseRule: Rule;
  storageRule: Rule;
  functions: FunctionDecl[];
  seeds: SeedDecl[];
}

/** What is in the environment now (empty for a new one). */
export interface CloudState {
  collections: Record<string, { indexes: IndexDecl[]; rule: Rule | null }>;
  storageRule: Rule | null;
  functions: Record<
    string,
    { runtime: string; timeout: number; env: Record<string, string>; triggers: Trigger[]; codeHash: string | null }
  >;
  /** by collection: the _ids of declared seed documents already there */
  seeded: Record<string, string[]>;
  /** users with the admin role */
  admins: number;
  /** an unused, unexpired setup code is waiting */
  setupPending: boolean;
}

export const emptyState = (): CloudState => ({
  collections: {},
  storageRule: null,
  functions: {},
  seeded: {},
  admins: 0,
  setupPending: false,
});

export type Step =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: IndexDecl }
  | { kind: 'setDatabaseRule'; collection: string; rule: Rule }
  | { kind: 'setStorageRule'; rule: Rule }
  | { kind: 'createFunction'; fn: FunctionDecl }
  | { kind: 'updateFunctionCode'; fn: FunctionDecl }
  | { kind: 'updateFunctionConfig'; fn: FunctionDecl }
  | { kind: 'setTriggers'; fn: FunctionDecl; triggers: Trigger[]; remove: string[] }
  | { kind: 'seed'; collection: string; docs: SeedDecl['docs'] }
  | { kind: 'setupCode' }
  | { kind: 'warning'; message: string };

/** The Node runtime the bundles are built for (scripts/build.js targets node16). */
export const RUNTIME = 'Nodejs16.13';
/** A setup code is good for this long after the deploy that printed it. */
export const SETUP_CODE_DAYS = 7;

const sameRule = (a: Rule | null, b: Rule): boolean => !!a && a.read === b.read && a.write === b.write;
const sameKeys = (a: IndexDecl, b: IndexDecl): boolean =>
  JSON.stringify(Object.entries(a.keys)) === JSON.stringify(Object.entries(b.keys)) && a.unique === b.unique;
const sameEnv = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([k, v]) => a[k] === v);
const triggerKey = (t: Trigger): string => `${t.name}|${t.type}|${t.config}`;

/** The steps that bring `state` to `decl`, in the order they must run. */
export function planDeploy(decl: Declaration, state: CloudState): Step[] {
  const steps: Step[] = [];
  for (const [name, indexes] of Object.entries(decl.collections)) {
    const have = state.collections[name];
    if (!have) steps.push({ kind: 'createCollection', collection: name });
    for (const ix of indexes) {
      const cur = have?.indexes.find((x) => x.name === ix.name);
      if (!cur) steps.push({ kind: 'createIndex', collection: name, index: ix });
      else if (!sameKeys(cur, ix)) {
        steps.push({
          kind: 'warning',
          message: `${name} 的索引 ${ix.name} 与声明不同（现有 ${describeIndex(cur)}，声明 ${describeIndex(ix)}）：不会自动删除重建，请在控制台核对`,
        });
      }
    }
    if (!sameRule(have?.rule ?? null, decl.databaseRule))
      steps.push({ kind: 'setDatabaseRule', collection: name, rule: decl.databaseRule });
  }
  for (const name of Object.keys(state.collections)) {
    if (!(name in decl.collections)) steps.push({ kind: 'warning', message: `集合 ${name} 不在 database/schema.json 中：保留不动` });
  }
  if (!sameRule(state.storageRule, decl.storageRule)) steps.push({ kind: 'setStorageRule', rule: decl.storageRule });

  for (const fn of decl.functions) {
    const have = state.functions[fn.name];
    if (!have) {
      steps.push({ kind: 'createFunction', fn });
      continue;
    }
    if (have.runtime !== fn.runtime)
      steps.push({
        kind: 'warning',
        message: `云函数 ${fn.name} 的运行时是 ${have.runtime}，声明为 ${fn.runtime}：运行时创建后不能修改，请删除后重新部署`,
      });
    if (have.codeHash !== fn.codeHash) steps.push({ kind: 'updateFunctionCode', fn });
    if (have.timeout !== fn.timeout || !sameEnv(have.env, fn.env)) steps.push({ kind: 'updateFunctionConfig', fn });
    // a declared trigger missing or different is (re)made, replacing the one of its name; a trigger
    // the declaration does not name is left alone
    const haveKeys = new Set(have.triggers.map(triggerKey));
    const triggers = fn.triggers.filter((t) => !haveKeys.has(triggerKey(t)));
    if (triggers.length > 0) {
      const remove = have.triggers.filter((t) => triggers.some((d) => d.name === t.name)).map((t) => t.name);
      steps.push({ kind: 'setTriggers', fn, triggers, remove });
    }
  }

  for (const seed of decl.seeds) {
    const there = new Set(state.seeded[seed.collection] ?? []);
    const missing = seed.docs.filter((d) => !there.has(d._id));
    if (missing.length > 0) steps.push({ kind: 'seed', collection: seed.collection, docs: missing });
  }
  if (state.admins === 0 && !state.setupPending) steps.push({ kind: 'setupCode' });
  return steps;
}

/** The state after the steps have run (what a second plan is computed against). */
export function applied(state: CloudState, steps: Step[]): CloudState {
  const next: CloudState = JSON.parse(JSON.stringify(state)) as CloudState;
  for (const s of steps) {
    switch (s.kind) {
      case 'createCollection':
        next.collections[s.collection] = { indexes: [], rule: null };
        break;
      case 'createIndex':
        next.collections[s.collection]!.indexes.push(s.index);
        break;
      case 'setDatabaseRule':
        next.collections[s.collection]!.rule = s.rule;
        break;
      case 'setStorageRule':
        next.storageRule = s.rule;
        break;
      case 'createFunction':
        next.functions[s.fn.name] = {
          runtime: s.fn.runtime,
          timeout: s.fn.timeout,
          env: { ...s.fn.env },
          triggers: [...s.fn.triggers],
          codeHash: s.fn.codeHash,
        };
        break;
      case 'updateFunctionCode':
        next.functions[s.fn.name]!.codeHash = s.fn.codeHash;
        break;
      case 'updateFunctionConfig':
        Object.assign(next.functions[s.fn.name]!, { timeout: s.fn.timeout, env: { ...s.fn.env } });
        break;
      case 'setTriggers': {
        const f = next.functions[s.fn.name]!;
        f.triggers = [...f.triggers.filter((t) => !s.remove.includes(t.name)), ...s.triggers];
        break;
      }
      case 'seed':
        next.seeded[s.collection] = [...(next.seeded[s.collection] ?? []), ...s.docs.map((d) => d._id)];
        break;
      case 'setupCode':
        next.setupPending = true;
        break;
      case 'warning':
        break;
    }
  }
  return next;
}

function describeIndex(ix: IndexDecl): string {
  return `${Object.entries(ix.keys)
    .map(([k, d]) => `${k}:${d}`)
    .join(',')}${ix.unique ? ' 唯一' : ''}`;
}

/** The plan as lines a person reads before anything changes. */
export function formatPlan(steps: Step[]): string[] {
  if (steps.length === 0) return ['环境已与声明一致，无需改动。'];
  return steps.map((s) => {
    switch (s.kind) {
      case 'createCollection':
        return `+ 创建集合 ${s.collection}`;
      case 'createIndex':
        return `+ 创建索引 ${s.collection}.${s.index.name}（${describeIndex(s.index)}）`;
      case 'setDatabaseRule':
        return `~ 设置集合 ${s.collection} 的安全规则 ${JSON.stringify(s.rule)}`;
      case 'setStorageRule':
        return `~ 设置云存储安全规则 ${JSON.stringify(s.rule)}`;
      case 'createFunction':
        return `+ 创建云函数 ${s.fn.name}（${s.fn.runtime}，超时 ${s.fn.timeout} 秒，环境变量 ${shownEnv(s.fn.env)}${s.fn.triggers.length ? `，触发器 ${s.fn.triggers.map((t) => `${t.name} ${t.config}`).join('、')}` : ''}）`;
      case 'updateFunctionCode':
        return `~ 上传云函数 ${s.fn.name} 的新代码（${s.fn.codeHash.slice(0, 12)}）`;
      case 'updateFunctionConfig':
        return `~ 更新云函数 ${s.fn.name} 的配置（超时 ${s.fn.timeout} 秒，环境变量 ${shownEnv(s.fn.env)}）`;
      case 'setTriggers':
        return `~ 设置云函数 ${s.fn.name} 的触发器 ${s.triggers.map((t) => `${t.name} ${t.config}`).join('、')}${s.remove.length ? '（替换同名的现有触发器）' : ''}`;
      case 'seed':
        return `+ 写入 ${s.collection} 初始数据 ${s.docs.length} 条（${s.docs.map((d) => d._id).join('、')}）`;
      case 'setupCode':
        return `+ 生成一次性管理员设置码（部署结束时显示一次，${SETUP_CODE_DAYS} 天内有效）`;
      case 'warning':
        return `! ${s.message}`;
    }
  });
}

// ---------------------------------------------------------------- reading the declaration

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function ruleOf(file: string): Rule {
  const { read, write } = readJson<Partial<Rule>>(file);
  if ((typeof read !== 'boolean' && typeof read !== 'string') || (typeof write !== 'boolean' && typeof write !== 'string')) {
    throw new Error(`${file}: a rule needs read and write (true, false or an expression)`);
  }
  return { read, write };
}

export interface SettingsInput {
  /** subscription template ids chosen in the mini-program console (one-time) */
  progressTemplate?: string;
  deadlineTemplate?: string;
  /** long-term (长期订阅) template ids, where the console offers them (政务民生) */
  progressLongTemplate?: string;
  deadlineLongTemplate?: string;
  /** the one-time 问卷调查通知 template: residents told of a survey about a unit they dealt with */
  surveyTemplate?: string;
  /** The deployment's ballot secret (server/ballot.ts), from the deploying shell's LIANXIN_BALLOT_SECRET. */
  ballotSecret?: string;
}

/** The functions that key survey responses and 三问 votes, and so need the ballot secret in their environment. */
export const BALLOT_FUNCTIONS: readonly string[] = ['consult', 'survey'];

/** A function's environment as the plan prints it: the ballot secret is named, never shown. */
const shownEnv = (env: Record<string, string>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, k === BALLOT_SECRET_VAR ? '（已设置，不显示）' : v])));

/** The settings document `subscribe`: the one-time ids, and every template with its kind when a long-term one is given. */
function subscribeDoc(s: SettingsInput): { _id: string } & Record<string, unknown> {
  const doc = { _id: 'subscribe', progress: s.progressTemplate ?? null, deadline: s.deadlineTemplate ?? null };
  const templates = [
    ...(s.progressLongTemplate ? [{ id: s.progressLongTemplate, purpose: 'progress', kind: 'long' }] : []),
    ...(s.deadlineLongTemplate ? [{ id: s.deadlineLongTemplate, purpose: 'deadline', kind: 'long' }] : []),
    ...(s.surveyTemplate ? [{ id: s.surveyTemplate, purpose: 'survey', kind: 'once' }] : []),
  ];
  return templates.length ? { ...doc, templates } : doc;
}

/** The declaration as the repository holds it (functions must be built: npm run build). */
export function readDeclaration(root: string, settings: SettingsInput = {}): Declaration {
  const schema = readJson<{
    collections: Record<string, { indexes?: { name: string; keys: Record<string, 1 | -1>; unique?: boolean }[] }>;
  }>(path.join(root, 'database', 'schema.json'));
  const collections: Declaration['collections'] = {};
  for (const [name, def] of Object.entries(schema.collections)) {
    collections[name] = (def.indexes ?? []).map((ix) => ({ name: ix.name, keys: ix.keys, unique: ix.unique === true }));
  }
  const fnRoot = path.join(root, 'cloudfunctions');
  const functions = fs
    .readdirSync(fnRoot)
    .filter((d) => fs.existsSync(path.join(fnRoot, d, 'config.json')))
    .sort()
    .map((name): FunctionDecl => {
      const dir = path.join(fnRoot, name);
      const bundle = path.join(dir, 'index.js');
      if (!fs.existsSync(bundle)) throw new Error(`cloudfunctions/${name}/index.js is missing: run npm run build first`);
      const cfg = readJson<{ timeout?: number; envVariables?: Record<string, string>; triggers?: Trigger[] }>(
        path.join(dir, 'config.json'),
      );
      const hash = crypto.createHash('sha256');
      for (const f of ['index.js', 'package.json', 'config.json']) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
      return {
        name,
        runtime: RUNTIME,
        timeout: cfg.timeout ?? 3,
        env: {
          ...(cfg.envVariables ?? {}),
          ...(settings.ballotSecret && BALLOT_FUNCTIONS.includes(name) ? { [BALLOT_SECRET_VAR]: settings.ballotSecret } : {}),
        },
        triggers: cfg.triggers ?? [],
        codeHash: hash.digest('hex'),
        dir,
      };
    });
  return {
    collections,
    databaseRule: ruleOf(path.join(root, 'database', 'rules.json')),
    storageRule: ruleOf(path.join(root, 'database', 'storage.rules.json')),
    functions,
    seeds: [
      { collection: 'deadline_policies', docs: deadlinePolicies.map((p) => ({ ...p })) },
      {
        collection: 'settings',
        docs: [
          subscribeDoc(settings),
          // the yearly targets of representatives (S9): data an admin may change later
          { ...repTargetSettings },
          // the party members' pair range and yearly activity targets (S6): data an admin may change later
          { ...volTargetSettings },
          // the lunar new year by year (S8 festival visits and reminders): data an admin extends
          { ...dutyCalendar, lunarNewYear: { ...dutyCalendar.lunarNewYear } },
        ],
      },
      // the cadres' duties (S1–S3, S5, S8), as the rule book sets them: an admin changes one for a coming year
      { collection: 'duty_rules', docs: dutyRules.map((r) => ({ ...r })) },
      // who receives the public and how often (S4.2); the county names its departments with many petitions
      { collection: 'meet_rules', docs: meetRules.map((r) => ('unitIds' in r ? { ...r, unitIds: [] } : { ...r })) },
      // the leaders' monthly 下访 and the 包村干部's weekly one (S4.3)
      { collection: 'visit_rules', docs: visitRules.map((r) => ({ ...r })) },
    ],
  };
}
