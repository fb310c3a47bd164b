/**
 * npm run deploy [-- --dry-run] [-- --new-setup-code]
 *
 * Brings a county's 云开发 environment to what the repository declares (see deploy-plan.ts): prints
 * the plan, then (without --dry-run) runs it. Credentials and the environment come from environment
 * variables, never from a file in the repository:
 *   CLOUDBASE_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (TENCENTCLOUD_SESSIONTOKEN for a
 *   temporary key); SUBSCRIBE_TEMPLATE_PROGRESS / SUBSCRIBE_TEMPLATE_DEADLINE (the one-time subscription
 *   templates chosen in the mini-program console) and SUBSCRIBE_TEMPLATE_PROGRESS_LONG /
 *   SUBSCRIBE_TEMPLATE_DEADLINE_LONG (the long-term ones, where the console offers them),
 *   SUBSCRIBE_TEMPLATE_SURVEY (the one-time 问卷调查通知); seeded once,
 *   edited in the database afterwards; LIANXIN_BALLOT_SECRET (the survey and 三问 functions' ballot
 *   secret, server/ballot.ts: made once by the county, the same at every deploy; required to deploy).
 * Without credentials, --dry-run prints the plan for an empty environment and says what is missing.
 */
import { repoRoot } from '../emulator';
import { BALLOT_SECRET_MIN, BALLOT_SECRET_VAR } from '../server/ballot';
import { applied, emptyState, formatPlan, planDeploy, readDeclaration, type CloudState, type Step } from './deploy-plan';

const CREDENTIAL_VARS = ['CLOUDBASE_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const;

function print(lines: string[]): void {
  for (const l of lines) process.stdout.write(`${l}\n`);
}

async function main(): Promise<number> {
  const args = new Set(process.argv.slice(2));
  const dryRun = args.has('--dry-run');
  const unknown = [...args].filter((a) => a !== '--dry-run' && a !== '--new-setup-code');
  if (unknown.length) {
    process.stderr.write(`未知参数：${unknown.join(' ')}（可用：--dry-run、--new-setup-code）\n`);
    return 2;
  }
  const env = process.env;
  const decl = readDeclaration(repoRoot(), {
    progressTemplate: env.SUBSCRIBE_TEMPLATE_PROGRESS || undefined,
    deadlineTemplate: env.SUBSCRIBE_TEMPLATE_DEADLINE || undefined,
    progressLongTemplate: env.SUBSCRIBE_TEMPLATE_PROGRESS_LONG || undefined,
    deadlineLongTemplate: env.SUBSCRIBE_TEMPLATE_DEADLINE_LONG || undefined,
    surveyTemplate: env.SUBSCRIBE_TEMPLATE_SURVEY || undefined,
    ballotSecret: env[BALLOT_SECRET_VAR] || undefined,
  });
  // Survey responses and 三问 votes are keyed with it (server/ballot.ts): without it they cannot be taken.
  const secretProblem =
    (env[BALLOT_SECRET_VAR] ?? '').length >= BALLOT_SECRET_MIN
      ? null
      : `${BALLOT_SECRET_VAR} 未设置或少于 ${BALLOT_SECRET_MIN} 个字符：调查和三问决策的匿名密钥。请生成一次（如 openssl rand -base64 48）并妥善保存，以后每次部署使用同一个值，不要写进仓库。`;
  const missing = CREDENTIAL_VARS.filter((v) => !env[v]);

  if (missing.length > 0) {
    print([
      `部署计划（空环境：未连接云端，缺少 ${missing.join('、')}）：`,
      ...formatPlan(planDeploy(decl, emptyState())).map((l) => `  ${l}`),
      '',
    ]);
    print([
      `要读取云端现状并执行部署，请先设置环境变量 ${missing.join('、')}：`,
      '  CLOUDBASE_ENV_ID        云开发环境 ID（云开发控制台 → 环境总览）',
      '  TENCENTCLOUD_SECRETID   腾讯云 API 密钥 SecretId（访问管理 → API 密钥管理；勿提交到仓库）',
      '  TENCENTCLOUD_SECRETKEY  对应的 SecretKey',
      ...(secretProblem ? ['', `另外：${secretProblem}`] : []),
    ]);
    if (!dryRun) process.stderr.write('未部署：缺少凭据。\n');
    return dryRun ? 0 : 1;
  }

  const creds = {
    envId: env.CLOUDBASE_ENV_ID!,
    secretId: env.TENCENTCLOUD_SECRETID!,
    secretKey: env.TENCENTCLOUD_SECRETKEY!,
    token: env.TENCENTCLOUD_SESSIONTOKEN || undefined,
  };
  const { manager, readCloud, runCloudStep } = await import('./deploy-cloud');
  const { readData, writeSeeds, makeSetupCode } = await import('./deploy-data');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK is loaded only for a real environment
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({
    env: creds.envId,
    secretId: creds.secretId,
    secretKey: creds.secretKey,
    ...(creds.token ? { sessionToken: creds.token } : {}),
  } as Parameters<typeof cloud.init>[0]);
  const db = cloud.database();
  const m = manager(creds);

  const now = Date.now();
  const state: CloudState = { ...(await readCloud(m, creds.envId)), ...(await readData(db, decl.seeds, now)) };
  if (args.has('--new-setup-code')) state.setupPending = false;
  const steps = planDeploy(decl, state);
  print([`部署计划（环境 ${creds.envId}）：`, ...formatPlan(steps).map((l) => `  ${l}`)]);
  if (secretProblem) print([`! ${secretProblem}`]);
  if (dryRun || steps.every((s) => s.kind === 'warning')) return 0;
  if (secretProblem) {
    process.stderr.write('未部署：缺少匿名密钥。\n');
    return 1;
  }

  let setup: { code: string; expiresAt: number } | null = null;
  const done: Step[] = [];
  for (const step of steps) {
    if (step.kind === 'seed') await writeSeeds(db, step.collection, step.docs);
    else if (step.kind === 'setupCode') setup = await makeSetupCode(db, now);
    else await runCloudStep(m, creds.envId, step);
    if (step.kind !== 'warning') print([`  ✓ ${formatPlan([step])[0]!.slice(2)}`]);
    done.push(step);
  }
  const left = planDeploy(decl, applied(state, done)).filter((s) => s.kind !== 'warning');
  print(['', left.length === 0 ? '部署完成。再次运行不会有任何改动。' : `部署完成，仍有 ${left.length} 项未一致，请再运行一次。`]);
  if (setup) {
    print([
      '',
      `首位管理员设置码：${setup.code}`,
      `  有效期至 ${new Date(setup.expiresAt).toISOString().slice(0, 10)}，只能使用一次，此处只显示这一次。`,
      '  将要担任管理员的同志用自己的微信打开本小程序，在“我的 → 输入管理员设置码”输入它，',
      '  即成为管理员（user.claimSetup）；干部再由管理员在“我的 → 干部邀请码”邀请。',
    ]);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`部署失败：${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
