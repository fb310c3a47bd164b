/**
 * The management part of a deploy, through Tencent's @cloudbase/manager-node: read what the
 * environment holds (collections, indexes, security rules, functions) and run plan steps. Loaded
 * only when credentials are given, so a dry run without them never touches the network.
 */
import CloudBase from '@cloudbase/manager-node';
import path from 'path';
import type { CloudState, FunctionDecl, IndexDecl, Rule, Step, Trigger } from './deploy-plan';

export interface Credentials {
  secretId: string;
  secretKey: string;
  envId: string;
  /** a temporary key's session token, if any */
  token?: string;
}

type Manager = InstanceType<typeof CloudBase>;

/** The description carries the uploaded files' hash: how a second deploy knows the code is current. */
const DESCRIPTION_PREFIX = '连心 ';

export function manager(c: Credentials): Manager {
  return new CloudBase({ secretId: c.secretId, secretKey: c.secretKey, envId: c.envId, ...(c.token ? { token: c.token } : {}) });
}

const parseRule = (aclTag: unknown, rule: unknown): Rule | null => {
  if (aclTag !== 'CUSTOM' || typeof rule !== 'string') return null;
  try {
    const r = JSON.parse(rule) as Partial<Rule>;
    return r.read !== undefined && r.write !== undefined ? { read: r.read, write: r.write } : null;
  } catch {
    return null;
  }
};

/** Collections, indexes, rules and functions as they are now. */
export async function readCloud(m: Manager, envId: string): Promise<Pick<CloudState, 'collections' | 'storageRule' | 'functions'>> {
  const collections: CloudState['collections'] = {};
  for (let offset = 0; ; offset += 100) {
    const page = await m.database.listCollections({ MgoOffset: offset, MgoLimit: 100 });
    for (const c of page.Collections) {
      const info = await m.database.describeCollection(c.CollectionName);
      const indexes: IndexDecl[] = (info.Indexes ?? [])
        .filter((ix) => ix.Name !== '_id_')
        .map((ix) => ({
          name: ix.Name,
          keys: Object.fromEntries(ix.Keys.map((k) => [k.Name ?? '', Number(k.Direction) === -1 ? -1 : 1])) as Record<string, 1 | -1>,
          unique: ix.Unique,
        }));
      const safe = (await m
        .commonService()
        .call({ Action: 'DescribeSafeRule', Param: { CollectionName: c.CollectionName, EnvId: envId } })) as {
        AclTag?: string;
        Rule?: string;
      };
      collections[c.CollectionName] = { indexes, rule: parseRule(safe.AclTag, safe.Rule) };
    }
    if (page.Collections.length < 100) break;
  }
  const acl = await m.storage.getStorageAcl({ withRule: true });
  const storageRule = acl.acl === 'CUSTOM' && acl.rule ? { read: acl.rule.read, write: acl.rule.write } : null;

  const functions: CloudState['functions'] = {};
  for (let offset = 0; ; offset += 100) {
    const list = await m.functions.listFunctions(100, offset);
    for (const f of list) {
      const d = await m.functions.getFunctionDetail(String(f.FunctionName));
      const desc = d.Description ?? '';
      functions[d.FunctionName] = {
        runtime: d.Runtime,
        timeout: d.Timeout,
        env: Object.fromEntries((d.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
        triggers: (d.Triggers ?? []).map((t): Trigger => ({
          name: t.TriggerName || t.Name,
          type: t.Type,
          config: t.TriggerDesc || t.Config,
        })),
        codeHash: desc.startsWith(DESCRIPTION_PREFIX) ? desc.slice(DESCRIPTION_PREFIX.length) : null,
      };
    }
    if (list.length < 100) break;
  }
  return { collections, storageRule, functions };
}

const funcConfig = (fn: FunctionDecl) => ({
  name: fn.name,
  runtime: fn.runtime,
  timeout: fn.timeout,
  envVariables: fn.env,
  description: `${DESCRIPTION_PREFIX}${fn.codeHash}`,
  // the bundle needs only wx-server-sdk, installed by the cloud from the function's package.json
  installDependency: true,
  ignore: ['index.ts', 'node_modules'],
});

/** Runs one management step (seed and setup-code steps are the data part's). */
export async function runCloudStep(m: Manager, envId: string, step: Step): Promise<void> {
  switch (step.kind) {
    case 'createCollection':
      await m.database.createCollectionIfNotExists(step.collection);
      return;
    case 'createIndex':
      await m.database.updateCollection(step.collection, {
        CreateIndexes: [
          {
            IndexName: step.index.name,
            MgoKeySchema: {
              MgoIsUnique: step.index.unique,
              MgoIndexKeys: Object.entries(step.index.keys).map(([Name, d]) => ({ Name, Direction: String(d) })),
            },
          },
        ],
      });
      return;
    case 'setDatabaseRule':
      await m.commonService().call({
        Action: 'ModifySafeRule',
        Param: { CollectionName: step.collection, EnvId: envId, AclTag: 'CUSTOM', Rule: JSON.stringify(step.rule) },
      });
      return;
    case 'setStorageRule':
      await m.storage.setStorageAcl('CUSTOM', step.rule);
      return;
    case 'createFunction':
      await m.functions.createFunction({
        func: { ...funcConfig(step.fn), triggers: step.fn.triggers },
        functionRootPath: path.dirname(step.fn.dir),
        force: false,
      });
      return;
    case 'updateFunctionCode':
      await m.functions.updateFunctionCode({ func: funcConfig(step.fn), functionRootPath: path.dirname(step.fn.dir) });
      await m.functions.waitFunctionActive(step.fn.name);
      await m.functions.updateFunctionConfig({ name: step.fn.name, description: funcConfig(step.fn).description });
      return;
    case 'updateFunctionConfig':
      await m.functions.updateFunctionConfig({ name: step.fn.name, timeout: step.fn.timeout, envVariables: step.fn.env });
      return;
    case 'setTriggers':
      for (const name of step.remove) await m.functions.deleteFunctionTrigger(step.fn.name, name);
      await m.functions.createFunctionTriggers(step.fn.name, step.triggers);
      return;
    case 'seed':
    case 'setupCode':
    case 'warning':
      return;
  }
}
