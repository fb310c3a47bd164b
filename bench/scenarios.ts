/**
 * One or more ways to call every action, against a seeded Population: the budget tests measure each
 * once (warm instance), the benchmark calls them many times at several concurrencies. A call that
 * changes state takes its own seeded request (right state, right unit, right version), so calls never
 * collide. Keys are `function.action`; the budget test fails for an action of a function's table
 * that has no scenario here or no budget in budgets.json.
 */
import { invoke, type InvokeResponse } from '../emulator/client';
import { newSetupCode, setupCodeId } from '../server/setup-code';
import { demoConsult, demoSurveys, dutyRules, units as demoUnits } from '../scripts/demo-county';
import { cadreKey } from '../server/duties';
import { leaderKey } from '../server/meet';
import { insertMany, take, type Population } from './population';
import { recording } from '../test/helpers/recording';

export type Kind = 'submit' | 'list' | 'detail' | 'transition' | 'other';

export interface Call {
  fn: string;
  openid: string;
  event: Record<string, unknown>;
}

export interface Scenario {
  /** function.action */
  key: string;
  variant: string;
  /** The i-th call (i = 0, 1, 2, …); may make unmeasured preparation calls. */
  make(pop: Population, i: number): Promise<Call>;
}

const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
let inviteSeq = 0;
function inviteCode(): string {
  let n = ++inviteSeq + 31 ** 6; // never the demo code
  let s = '';
  for (let k = 0; k < 8; k++) {
    s = INVITE_ALPHABET[n % 31] + s;
    n = Math.floor(n / 31);
  }
  return s;
}

let seq = 0;
const uniq = (): string => `${process.pid}${Date.now().toString(36)}${(seq++).toString(36)}`;

/** An unmeasured call that must succeed (to get a cursor, say). */
async function prep(pop: Population, c: Call): Promise<Record<string, unknown>> {
  const r = await invoke<{ ok: boolean; data?: Record<string, unknown> }>(pop.url, c.fn, c.event, c.openid);
  if (r.status !== 200 || !r.body?.ok) throw new Error(`prep ${c.fn}.${String(c.event.action)} failed: ${JSON.stringify(r.body)}`);
  return r.body.data ?? {};
}

const other = (pop: Population, unitId: string): string => pop.units.find((u) => u !== unitId)!;

/** A 信访 letter registered straight to the 人社局. */
const letter = (): Record<string, unknown> => ({
  action: 'register',
  clientId: `bench-${uniq()}`,
  source: '来信',
  category: '求助',
  content: '来信反映养老金待遇核定有误，请求重新核定。',
  receivedAt: Date.now() - 86_400_000,
  contactName: '赵老汉',
  unitId: 'unit-renshe',
  confidential: false,
});

/**
 * A 信访 item registered, signed for and answered (unmeasured). With `claimant`, that resident claimed
 * it first with the 受理告知's code (so they may ask for 复查); without, its answer goes by letter.
 */
async function answeredLetter(pop: Population, claimant?: string): Promise<{ id: string; version: number }> {
  // Registered at the 信访局's letters desk: the dispatcher's hourly text allowance is spent by the seeded county and other scenarios.
  const reg = await prep(pop, { fn: 'admin', openid: await letterDesk(pop), event: letter() });
  let version = 0;
  if (claimant)
    version = Number((await prep(pop, { fn: 'request', openid: claimant, event: { action: 'claim', code: reg.claimCode } })).version);
  const cadre = pop.cadreOf['unit-renshe'];
  const accepted = await prep(pop, { fn: 'request', openid: cadre, event: { action: 'accept', id: reg.id, version } });
  const replied = await prep(pop, {
    fn: 'request',
    openid: cadre,
    event: { action: 'reply', id: reg.id, version: accepted.version, reply: '经核查，待遇核定符合规定。' },
  });
  return { id: String(reg.id), version: Number(replied.version) };
}
const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length];

// ---------------------------------------------------------------- 调查评价 (S10)
const DAY_MS = 86_400_000;

/**
 * A county survey of 24 subjects — each demo unit as a leadership team, a window and a contact point
 * (the units every function instance's directory has; those the population adds later may not be
 * in a directory read before) — with three questions.
 */
const SURVEY_SUBJECTS = demoUnits
  .filter((u) => u._id !== 'unit-xinfang')
  .flatMap((u) => [
    { kind: '领导班子', unitId: u._id },
    { kind: '执法窗口单位', unitId: u._id },
    { kind: '领导联系点', unitId: u._id, label: `${u.name}联系点` },
  ]);
const surveyDraft = (): Record<string, unknown> => ({
  action: 'create',
  clientId: `bench-survey-${uniq()}`,
  title: '2026年度群众满意度调查',
  intro: '请根据您的亲身感受评价，答卷不记名。',
  year: 2026,
  questions: demoSurveys.questions,
  subjects: SURVEY_SUBJECTS,
  opensAt: Date.now() - DAY_MS,
  closesAt: Date.now() + 30 * DAY_MS,
  minResponses: 30,
});

/** A survey moved (unmeasured) to `state`, with `answers` responses tallied. */
async function benchSurvey(pop: Population, state: 'draft' | 'open' | 'closed', answers = 0): Promise<{ id: string; version: number }> {
  let v = await prep(pop, { fn: 'survey', openid: pop.admin, event: surveyDraft() });
  if (state === 'draft') return { id: String(v.id), version: Number(v.version) };
  v = await prep(pop, { fn: 'survey', openid: pop.admin, event: { action: 'publish', surveyId: v.id, version: v.version } });
  for (let k = 0; k < answers; k += 1)
    await prep(pop, {
      fn: 'survey',
      openid: pick(pop.residents, k),
      event: {
        action: 'respond',
        surveyId: v.id,
        items: [1, 2, 3].map((s) => ({
          subjectId: `s${s + (k % 10)}`,
          answers: [1 + (k % 5), 1 + ((k + s) % 5), k % 4 ? '' : '希望窗口增加午间服务'],
        })),
      },
    });
  if (answers) {
    const { tallySurveys } = await import('../server/jobs/surveys');
    await tallySurveys({ now: Date.now(), until: Date.now() + 60_000 });
  }
  if (state === 'open') return { id: String(v.id), version: Number(v.version) };
  v = await prep(pop, { fn: 'survey', openid: pop.admin, event: { action: 'close', surveyId: v.id, version: v.version } });
  return { id: String(v.id), version: Number(v.version) };
}

/** One answerable survey (and one closed with public results) per population, made at its first use. */
const surveysOf = new Map<string, Promise<{ open: { id: string }; closed: { id: string } }>>();
function sharedSurveys(pop: Population): Promise<{ open: { id: string }; closed: { id: string } }> {
  if (!surveysOf.has(pop.url))
    surveysOf.set(
      pop.url,
      (async () => {
        const open = await benchSurvey(pop, 'open', 40);
        const closed = await benchSurvey(pop, 'closed', 40);
        await prep(pop, {
          fn: 'survey',
          openid: pop.admin,
          event: { action: 'publishResults', surveyId: closed.id, version: closed.version, scope: 'public' },
        });
        return { open, closed };
      })(),
    );
  return surveysOf.get(pop.url)!;
}

const asSurvey = (s: { id: string; version: number }) => ({ surveyId: s.id, version: s.version });

/**
 * A person of their own (made once per population, by id), so the hourly allowance of typed text of
 * the dispatcher and of every other scenario's caller stays theirs.
 */
const extraUsers = new Map<string, Promise<string>>();
function extraUser(
  pop: Population,
  user: { _id: string; roles: string[]; unitId: string | null; unitName: string | null; name: string; level: string | null },
): Promise<string> {
  const key = `${pop.url} ${user._id}`;
  if (!extraUsers.has(key))
    extraUsers.set(
      key,
      insertMany(pop.url, 'users', [{ ...user, createdAt: Date.now() }]).then(() => user._id),
    );
  return extraUsers.get(key)!;
}
/** An admin of another office: the statistics office builds surveys; the 县文明办 sets up teams. */
const extraAdmin = (pop: Population, id: string, name: string): Promise<string> =>
  extraUser(pop, { _id: id, roles: ['resident', 'admin'], unitId: null, unitName: null, name, level: null });
const surveyEditor = (pop: Population): Promise<string> => extraAdmin(pop, 'bench-survey-admin', '统计局管理员');
/** The organisation department's admin, who keeps the cards (连心卡). */
const cardsAdmin = (pop: Population): Promise<string> => extraAdmin(pop, 'bench-cards-admin', '组织部管理员');

const SURVEY_SCENARIOS: Scenario[] = [
  {
    key: 'survey.list',
    variant: 'resident',
    make: async (pop, i) => {
      await sharedSurveys(pop);
      return { fn: 'survey', openid: pick(pop.residents, i + 7), event: { action: 'list' } };
    },
  },
  {
    key: 'survey.get',
    variant: 'resident, 24 subjects',
    make: async (pop, i) => ({
      fn: 'survey',
      openid: pick(pop.residents, i + 3),
      event: { action: 'get', surveyId: (await sharedSurveys(pop)).open.id },
    }),
  },
  {
    key: 'survey.respond',
    variant: 'three subjects, with text',
    make: async (pop) => ({
      fn: 'survey',
      openid: `bench-respondent-${uniq()}`,
      event: {
        action: 'respond',
        surveyId: (await sharedSurveys(pop)).open.id,
        items: [
          { subjectId: 's1', answers: [5, 4, '办事很方便'] },
          { subjectId: 's2', answers: [4, 0, ''] },
          { subjectId: 's3', answers: [3, 3, ''] },
        ],
      },
    }),
  },
  {
    key: 'survey.results',
    variant: 'public, 24 subjects',
    make: async (pop, i) => ({
      fn: 'survey',
      openid: pick(pop.residents, i),
      event: { action: 'results', surveyId: (await sharedSurveys(pop)).closed.id },
    }),
  },
  {
    key: 'survey.results',
    variant: 'admin, open survey',
    make: async (pop) => ({ fn: 'survey', openid: pop.admin, event: { action: 'results', surveyId: (await sharedSurveys(pop)).open.id } }),
  },
  {
    key: 'survey.manage',
    variant: 'page 1',
    make: async (pop) => {
      await sharedSurveys(pop);
      return { fn: 'survey', openid: pop.admin, event: { action: 'manage' } };
    },
  },
  { key: 'survey.create', variant: '24 subjects', make: async (pop) => ({ fn: 'survey', openid: pop.admin, event: surveyDraft() }) },
  {
    key: 'survey.publish',
    variant: 'a draft',
    make: async (pop) => ({ fn: 'survey', openid: pop.admin, event: { action: 'publish', ...asSurvey(await benchSurvey(pop, 'draft')) } }),
  },
  {
    key: 'survey.close',
    variant: 'an open survey',
    make: async (pop) => ({ fn: 'survey', openid: pop.admin, event: { action: 'close', ...asSurvey(await benchSurvey(pop, 'open')) } }),
  },
  {
    key: 'survey.publishResults',
    variant: 'to the public',
    make: async (pop) => ({
      fn: 'survey',
      openid: pop.admin,
      event: { action: 'publishResults', ...asSurvey(await benchSurvey(pop, 'closed')), scope: 'public' },
    }),
  },
  {
    key: 'survey.exportResults',
    variant: '40 responses',
    make: async (pop) => ({
      fn: 'survey',
      openid: pop.admin,
      event: { action: 'exportResults', surveyId: (await sharedSurveys(pop)).closed.id },
    }),
  },
  {
    key: 'survey.update',
    variant: 'a draft of 24 subjects',
    make: async (pop) => {
      // The statistics office's own admin: the dispatcher's hourly allowance of typed text is the other scenarios'.
      const editor = await surveyEditor(pop);
      const made = await prep(pop, { fn: 'survey', openid: editor, event: surveyDraft() });
      const { action: _create, clientId: _clientId, ...draft } = surveyDraft();
      return { fn: 'survey', openid: editor, event: { action: 'update', ...asSurvey(made as { id: string; version: number }), ...draft } };
    },
  },
];

// ---------------------------------------------------------------- 党代表 (S9)

/** The demo's convener (刘红梅, with a card) and the county's 党代表 of real size for the office's figures. */
const REP = 'demo-rep-1';
const REP_SCENE = 'r-liuhongmei';
const REPS_IN_COUNTY = 300;
let repsGrown = false;
const repDate = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const rep = (event: Record<string, unknown>, openid = REP): Call => ({ fn: 'rep', openid, event });

/** A county's 党代表 (a few hundred, in groups of ten), each with a year's tally: once per population. */
async function growReps(pop: Population): Promise<void> {
  if (repsGrown) return;
  repsGrown = true;
  const now = Date.now();
  const year = `y${repDate().slice(0, 4)}`;
  await insertMany(
    pop.url,
    'reps',
    Array.from({ length: REPS_IN_COUNTY }, (_, i) => ({
      _id: `bench-rep-${i}`,
      name: `代表${i}`,
      scene: `r-bench-${i}`,
      title: '镇党代表',
      intro: '联系本村党员群众',
      phone: '0000-6620000',
      place: '党群服务中心',
      receiveTime: '每周一上午',
      groupId: `bench-rgroup-${Math.floor(i / 10)}`,
      groupName: `第${Math.floor(i / 10) + 1}联络组`,
      active: true,
      years: { [year]: { people: i % 60, visits: i % 12, opinions: i % 9 } },
      createdAt: now,
      updatedAt: now,
    })),
  );
}

/** An opinion the convener recorded (unmeasured), with its claim code. */
const recordedOpinion = (pop: Population): Promise<Record<string, unknown>> =>
  prep(pop, rep({ action: 'recordOpinion', clientId: `bench-${uniq()}`, content: '希望村里增设老年人日间照料中心', showIdentity: true }));

/** The convener's compile of two opinions she recorded (unmeasured) into a 建议. */
async function compileCall(pop: Population): Promise<Call> {
  const ids = [String((await recordedOpinion(pop)).id), String((await recordedOpinion(pop)).id)];
  return rep({
    action: 'compile',
    clientId: `bench-${uniq()}`,
    kind: '建议',
    title: '关于加强农村养老服务的建议',
    content: '多位群众反映村里缺少老年人日间照料场所，建议统筹建设。',
    handler: '刘红梅',
    lead: '县民政局',
    opinionIds: ids,
  });
}

/** A 建议 compiled (unmeasured), waiting for the office. */
const compiledProposal = async (pop: Population): Promise<Record<string, unknown>> => prep(pop, await compileCall(pop));

const REP_SCENARIOS: Scenario[] = [
  { key: 'rep.card', variant: 'scan', make: async (pop, i) => rep({ action: 'card', scene: REP_SCENE }, pick(pop.residents, i)) },
  {
    key: 'rep.send',
    variant: 'through the card',
    make: async (pop, i) =>
      rep(
        { action: 'send', clientId: `bench-${uniq()}`, scene: REP_SCENE, content: '村口路灯坏了，晚上出行不安全', showIdentity: false },
        pick(pop.residents, i),
      ),
  },
  {
    key: 'rep.myOpinions',
    variant: 'page 1',
    make: async (pop) => {
      const who = pop.residents[0]!;
      await prep(
        pop,
        rep({ action: 'send', clientId: `bench-${uniq()}`, scene: REP_SCENE, content: '希望增加公交班次', showIdentity: true }, who),
      );
      return rep({ action: 'myOpinions' }, who);
    },
  },
  {
    key: 'rep.claimOpinion',
    variant: 'a recorded opinion',
    make: async (pop, i) => rep({ action: 'claimOpinion', code: (await recordedOpinion(pop)).claimCode }, pick(pop.residents, i + 1)),
  },
  {
    key: 'rep.withdrawOpinion',
    variant: 'own opinion',
    make: async (pop, i) => {
      const who = pick(pop.residents, i);
      const o = await prep(
        pop,
        rep({ action: 'send', clientId: `bench-${uniq()}`, scene: REP_SCENE, content: '想了解接待日', showIdentity: true }, who),
      );
      return rep({ action: 'withdrawOpinion', opinionId: o.id, version: o.version }, who);
    },
  },
  { key: 'rep.home', variant: 'convener', make: async () => rep({ action: 'home' }) },
  { key: 'rep.cardCode', variant: 'own card', make: async () => rep({ action: 'cardCode' }) },
  { key: 'rep.opinions', variant: 'page 1', make: async () => rep({ action: 'opinions' }) },
  {
    key: 'rep.recordVisit',
    variant: 'today',
    make: async () => rep({ action: 'recordVisit', clientId: `bench-${uniq()}`, date: repDate(), place: '河西村三组', people: 3 }),
  },
  {
    key: 'rep.recordOpinion',
    variant: 'on a constituent’s behalf',
    make: async () =>
      rep({
        action: 'recordOpinion',
        clientId: `bench-${uniq()}`,
        content: '希望修缮村文化广场',
        showIdentity: false,
        contactName: '张某',
      }),
  },
  { key: 'rep.group', variant: 'convener', make: async () => rep({ action: 'group' }) },
  {
    key: 'rep.planActivity',
    variant: 'today',
    make: async () =>
      rep({ action: 'planActivity', clientId: `bench-${uniq()}`, kind: '调研', date: repDate(), topic: '农村养老服务调研' }),
  },
  {
    key: 'rep.recordAttendance',
    variant: 'two present',
    make: async (pop) => {
      const a = await prep(
        pop,
        rep({ action: 'planActivity', clientId: `bench-${uniq()}`, kind: '视察', date: repDate(), topic: '道路照明视察' }),
      );
      return rep({ action: 'recordAttendance', activityId: a.id, version: a.version, present: [REP_SCENE, 'r-zhangweidong'] });
    },
  },
  {
    key: 'rep.compile',
    variant: 'two opinions',
    make: compileCall,
  },
  { key: 'rep.proposals', variant: 'office, waiting', make: async (pop) => rep({ action: 'proposals', box: 'waiting' }, pop.admin) },
  { key: 'rep.proposals', variant: 'representative', make: async () => rep({ action: 'proposals', box: 'all' }) },
  {
    key: 'rep.proposal',
    variant: 'office',
    make: async (pop) => rep({ action: 'proposal', proposalId: (await compiledProposal(pop)).id }, pop.admin),
  },
  {
    key: 'rep.withdrawProposal',
    variant: 'waiting',
    make: async (pop) => {
      const p = await compiledProposal(pop);
      return rep({ action: 'withdrawProposal', proposalId: p.id, version: p.version, reason: '需要补充调研' });
    },
  },
  {
    key: 'rep.forward',
    variant: 'two units',
    make: async (pop, i) => {
      const p = await compiledProposal(pop);
      return rep(
        { action: 'forward', proposalId: p.id, version: p.version, unitIds: [pick(pop.units, i), pick(pop.units, i + 1)] },
        pop.admin,
      );
    },
  },
  {
    key: 'rep.officePlan',
    variant: 'today',
    make: async (pop) =>
      rep(
        { action: 'officePlan', clientId: `bench-${uniq()}`, kind: '建言献策', date: repDate(), topic: '全县党代表建言献策会' },
        pop.admin,
      ),
  },
  {
    key: 'rep.officeAttendance',
    variant: 'two present',
    make: async (pop) => {
      const a = await prep(
        pop,
        rep({ action: 'officePlan', clientId: `bench-${uniq()}`, kind: '调研', date: repDate(), topic: '全县党代表集中调研' }, pop.admin),
      );
      return rep({ action: 'officeAttendance', activityId: a.id, version: a.version, present: [REP_SCENE, 'r-zhangweidong'] }, pop.admin);
    },
  },
  {
    key: 'rep.figures',
    variant: `${REPS_IN_COUNTY} representatives`,
    make: async (pop) => {
      await growReps(pop);
      return rep({ action: 'figures', year: Number(repDate().slice(0, 4)) }, pop.admin);
    },
  },
];

// ---------------------------------------------------------------- 三问决策 (S1.4)
/** The demo's consultation, as the office would create it again. */
const consultDraft = (): Record<string, unknown> => ({
  action: 'create',
  clientId: `bench-consult-${uniq()}`,
  title: demoConsult.title,
  background: demoConsult.background,
  phases: demoConsult.phases,
});

/** A consultation (unmeasured), its 问需 open unless `draft`, with `comments` comments. */
async function benchConsult(pop: Population, draft = false, comments = 0): Promise<{ consultId: string; version: number }> {
  let c = await prep(pop, { fn: 'consult', openid: pop.admin, event: consultDraft() });
  if (!draft)
    c = await prep(pop, { fn: 'consult', openid: pop.admin, event: { action: 'openPhase', consultId: c.id, version: c.version } });
  for (let k = 0; k < comments; k += 1)
    await prep(pop, {
      fn: 'consult',
      openid: pick(pop.residents, k),
      event: { action: 'comment', consultId: c.id, clientId: `bench-comment-${uniq()}`, text: '老城区东门一带最缺车位' },
    });
  return { consultId: String(c.id), version: Number(c.version) };
}
const consultsOf = new Map<string, Promise<{ consultId: string }>>();
const sharedConsult = (pop: Population): Promise<{ consultId: string }> => {
  if (!consultsOf.has(pop.url))
    consultsOf.set(
      pop.url,
      benchConsult(pop, false, 25).then(({ consultId }) => ({ consultId })),
    );
  return consultsOf.get(pop.url)!;
};

const CONSULT_SCENARIOS: Scenario[] = [
  {
    key: 'consult.list',
    variant: 'resident',
    make: async (pop, i) => {
      await sharedConsult(pop);
      return { fn: 'consult', openid: pick(pop.residents, i), event: { action: 'list' } };
    },
  },
  {
    key: 'consult.get',
    variant: 'resident',
    make: async (pop, i) => ({ fn: 'consult', openid: pick(pop.residents, i), event: { action: 'get', ...(await sharedConsult(pop)) } }),
  },
  {
    key: 'consult.comments',
    variant: '问需, page 1 of 25',
    make: async (pop, i) => ({
      fn: 'consult',
      openid: pick(pop.residents, i),
      event: { action: 'comments', ...(await sharedConsult(pop)), phase: 0 },
    }),
  },
  {
    key: 'consult.comment',
    variant: 'in 问需',
    make: async (pop) => ({
      fn: 'consult',
      openid: `bench-commenter-${uniq()}`,
      event: { action: 'comment', ...(await sharedConsult(pop)), clientId: `bench-comment-${uniq()}`, text: '建议停车场夜间免费' },
    }),
  },
  {
    key: 'consult.vote',
    variant: 'in 问需',
    make: async (pop) => ({
      fn: 'consult',
      openid: `bench-voter-${uniq()}`,
      event: { action: 'vote', ...(await sharedConsult(pop)), option: 1 },
    }),
  },
  { key: 'consult.create', variant: 'three phases', make: async (pop) => ({ fn: 'consult', openid: pop.admin, event: consultDraft() }) },
  {
    key: 'consult.openPhase',
    variant: '问需',
    make: async (pop) => ({ fn: 'consult', openid: pop.admin, event: { action: 'openPhase', ...(await benchConsult(pop, true)) } }),
  },
  {
    key: 'consult.closePhase',
    variant: '问需 with its answer',
    make: async (pop) => ({
      fn: 'consult',
      openid: pop.admin,
      event: { action: 'closePhase', ...(await benchConsult(pop)), summary: '群众最需要老城区停车，选址定在老城区东侧。' },
    }),
  },
];

// ---------------------------------------------------------------- 接访 (S4.2)

const meet = (event: Record<string, unknown>, openid: string): Call => ({ fn: 'meet', openid, event });
/**
 * The 信访局 staff and the county leader the 接访/约访 scenarios act as: people of their own, so
 * their hourly allowance of typed actions is not shared with every other scenario's admin.
 */
const MEET_ADMIN = 'bench-meet-admin';
const BENCH_LEADER = 'bench-meet-leader';
/** The 信访局's 接访员 and a county leader of the bench's own, in each population. */
async function addMeetPeople(pop: Population): Promise<void> {
  await Promise.all([
    extraUser(pop, {
      _id: MEET_ADMIN,
      roles: ['resident', 'admin'],
      unitId: 'unit-xinfang',
      unitName: '县信访局',
      name: '接访员',
      level: '县直单位领导',
    }),
    extraUser(pop, {
      _id: BENCH_LEADER,
      roles: ['resident', 'cadre'],
      unitId: null,
      unitName: null,
      name: '测试县领导',
      level: '县四大班子领导',
    }),
  ]);
}
/** Today in the county (UTC+08:00). */
const meetToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** A month of its own for each roster a scenario makes (a published month cannot be generated again). */
let meetMonthSeq = 0;
const meetMonth = (): string => {
  meetMonthSeq += 1;
  return `${2050 + Math.floor(meetMonthSeq / 12)}-${String((meetMonthSeq % 12) + 1).padStart(2, '0')}`;
};
/** 城关镇's daily roster of a month of its own (31 days at most), unmeasured. */
const townDraft = (pop: Population): Promise<Record<string, unknown>> =>
  prep(pop, meet({ action: 'generate', scope: 'unit-chengguan', month: meetMonth() }, pop.admin));
/** This month's county and town rosters, published once per population, so the board has days to show. */
let meetPublished = false;
async function publishThisMonth(pop: Population): Promise<void> {
  if (meetPublished) return;
  meetPublished = true;
  // The 接访 desk's own admin: the dispatcher's hourly text allowance is spent by the seeded demo county and other scenarios.
  await prep(pop, meet({ action: 'setPeriod', name: '重要会议期间', from: meetToday(), to: meetToday() }, MEET_ADMIN));
  for (const scope of ['county', 'unit-chengguan', 'unit-renshe']) {
    const r = await prep(pop, meet({ action: 'generate', scope, month: meetToday().slice(0, 7) }, pop.admin));
    await prep(pop, meet({ action: 'publish', rosterId: r.id, version: r.version }, pop.admin));
  }
}

const MEET_SCENARIOS: Scenario[] = [
  {
    key: 'meet.board',
    variant: 'home page',
    make: async (pop, i) => {
      await publishThisMonth(pop);
      return meet({ action: 'board' }, pick(pop.residents, i));
    },
  },
  {
    key: 'meet.board',
    variant: 'home page, as a leader (own days too)',
    make: async (pop) => {
      await publishThisMonth(pop);
      return meet({ action: 'board' }, 'demo-cadre-chengguan');
    },
  },
  {
    key: 'meet.board',
    variant: 'from a card, as a leader',
    make: async (pop) => {
      await publishThisMonth(pop);
      return meet({ action: 'board', scene: 'c-chengguan-01' }, 'demo-cadre-chengguan');
    },
  },
  { key: 'meet.rosterSetup', variant: 'every unit with a rule', make: async () => meet({ action: 'rosterSetup' }, MEET_ADMIN) },
  {
    key: 'meet.setPeriod',
    variant: 'one day',
    make: async () => {
      const month = meetMonth();
      return meet({ action: 'setPeriod', name: '重要节日期间', from: `${month}-01`, to: `${month}-07` }, MEET_ADMIN);
    },
  },
  {
    key: 'meet.removePeriod',
    variant: 'one',
    make: async (pop) => {
      const month = meetMonth();
      const periods = (await prep(
        pop,
        meet({ action: 'setPeriod', name: '临时敏感时期', from: `${month}-02`, to: `${month}-03` }, MEET_ADMIN),
      )) as unknown as {
        id: string;
        from: string;
      }[];
      return meet({ action: 'removePeriod', periodId: periods.find((p) => p.from === `${month}-02`)!.id }, MEET_ADMIN);
    },
  },
  {
    key: 'meet.generate',
    variant: 'a town, a month of days',
    make: async () => meet({ action: 'generate', scope: 'unit-chengguan', month: meetMonth() }, MEET_ADMIN),
  },
  {
    key: 'meet.roster',
    variant: 'a town',
    make: async (pop) => {
      const r = await townDraft(pop);
      return meet({ action: 'roster', scope: 'unit-chengguan', month: String(r.month) }, MEET_ADMIN);
    },
  },
  {
    key: 'meet.swap',
    variant: 'a draft',
    make: async (pop) => {
      const r = (await townDraft(pop)) as { id: string; version: number; days: { date: string }[]; leaders: { key: string }[] };
      return meet({ action: 'swap', rosterId: r.id, version: r.version, date: r.days[0]!.date, leaderKey: r.leaders[0]!.key }, MEET_ADMIN);
    },
  },
  {
    key: 'meet.publish',
    variant: 'a town, a month of days',
    make: async (pop) => {
      const r = await townDraft(pop);
      return meet({ action: 'publish', rosterId: r.id, version: r.version }, MEET_ADMIN);
    },
  },
];

// ---------------------------------------------------------------- 约访 (S4.4)

/** Each booking by another resident: a person may submit only so many an hour (settings.limits). */
let residentSeq = 0;
const nextResident = (pop: Population): string => pick(pop.residents, 100 + (residentSeq += 1));
/** A slot of the demo county leader `inMinutes` ahead, at a place of its own, unmeasured. */
const benchSlot = (pop: Population, inMinutes: number, noticeHours = 0): Promise<Record<string, unknown>> =>
  prep(
    pop,
    meet(
      {
        action: 'openSlot',
        clientId: `bench-${uniq()}`,
        place: `县信访局约访室${uniq()}`,
        startAt: Date.now() + inMinutes * 60_000,
        minutes: 60,
        capacity: 10,
        minNoticeHours: noticeHours,
        cancelHours: 0,
      },
      BENCH_LEADER,
    ),
  );
/** A resident's booking of a slot starting within the hour, unmeasured; with the slot. */
async function benchBooking(pop: Population): Promise<{ booking: Record<string, unknown>; slot: Record<string, unknown>; who: string }> {
  const slot = await benchSlot(pop, 30);
  const who = nextResident(pop);
  const booking = await prep(
    pop,
    meet(
      { action: 'book', clientId: `bench-${uniq()}`, slotId: slot.id, topic: '村里灌溉水渠失修，想当面反映', contactName: '王秀英' },
      who,
    ),
  );
  return { booking, slot, who };
}
const ref = (b: Record<string, unknown>) => ({ bookingId: b.id, version: b.version });

const APPOINTMENT_SCENARIOS: Scenario[] = [
  {
    key: 'meet.slots',
    variant: 'open slots',
    make: async (pop) => {
      await benchSlot(pop, 3 * 24 * 60, 24);
      return meet({ action: 'slots' }, nextResident(pop));
    },
  },
  {
    key: 'meet.openSlot',
    variant: 'a leader',
    make: async () =>
      meet(
        { action: 'openSlot', clientId: `bench-${uniq()}`, place: '县信访局领导接待室', startAt: Date.now() + 3 * 86_400_000, minutes: 60 },
        BENCH_LEADER,
      ),
  },
  { key: 'meet.desk', variant: 'a leader', make: async () => meet({ action: 'desk' }, BENCH_LEADER) },
  { key: 'meet.slotDays', variant: 'the 信访局 (county leaders’ days)', make: async () => meet({ action: 'slotDays' }, MEET_ADMIN) },
  { key: 'meet.slotDays', variant: 'a leader', make: async () => meet({ action: 'slotDays' }, BENCH_LEADER) },
  { key: 'meet.desk', variant: 'the 信访局 (county leaders)', make: async () => meet({ action: 'desk' }, MEET_ADMIN) },
  {
    key: 'meet.book',
    variant: 'a seat',
    make: async (pop) => {
      const slot = await benchSlot(pop, 3 * 24 * 60, 24);
      return meet(
        { action: 'book', clientId: `bench-${uniq()}`, slotId: slot.id, topic: '村里灌溉水渠失修，想当面反映', contactName: '王秀英' },
        nextResident(pop),
      );
    },
  },
  {
    key: 'meet.myBookings',
    variant: 'a resident',
    make: async (pop) => {
      const { who } = await benchBooking(pop);
      return meet({ action: 'myBookings' }, who);
    },
  },
  {
    key: 'meet.cancel',
    variant: 'before the cut-off',
    make: async (pop) => {
      const { booking, who } = await benchBooking(pop);
      return meet({ action: 'cancel', ...ref(booking) }, who);
    },
  },
  {
    key: 'meet.reschedule',
    variant: 'another slot',
    make: async (pop) => {
      const { booking, who } = await benchBooking(pop);
      const other = await benchSlot(pop, 24 * 60);
      return meet({ action: 'reschedule', ...ref(booking), slotId: other.id }, who);
    },
  },
  {
    key: 'meet.confirm',
    variant: 'the office',
    make: async (pop) => meet({ action: 'confirm', ...ref((await benchBooking(pop)).booking) }, MEET_ADMIN),
  },
  {
    key: 'meet.propose',
    variant: 'the office',
    make: async (pop) => {
      const { booking } = await benchBooking(pop);
      const other = await benchSlot(pop, 24 * 60);
      return meet({ action: 'propose', ...ref(booking), slotId: other.id, note: '领导当天另有公务' }, MEET_ADMIN);
    },
  },
  {
    key: 'meet.venueCode',
    variant: 'the leader',
    make: async (pop) => meet({ action: 'venueCode', slotId: (await benchSlot(pop, 60)).id }, BENCH_LEADER),
  },
  {
    key: 'meet.checkIn',
    variant: 'at the venue',
    make: async (pop) => {
      const { slot, who } = await benchBooking(pop);
      const code = await prep(pop, meet({ action: 'venueCode', slotId: slot.id }, BENCH_LEADER));
      return meet({ action: 'checkIn', scene: code.scene }, who);
    },
  },
  {
    key: 'meet.recordOutcome',
    variant: 'a new request',
    make: async (pop) => {
      const { slot, who } = await benchBooking(pop);
      const code = await prep(pop, meet({ action: 'venueCode', slotId: slot.id }, BENCH_LEADER));
      const b = await prep(pop, meet({ action: 'checkIn', scene: code.scene }, who));
      return meet(
        {
          action: 'recordOutcome',
          ...ref(b),
          category: '求助',
          summary: '群众反映灌溉水渠失修',
          measures: '城关镇现场查看并组织维修',
          unitId: 'unit-chengguan',
          days: 5,
        },
        BENCH_LEADER,
      );
    },
  },
  {
    key: 'meet.noShow',
    variant: 'after the slot',
    make: async (pop) => {
      // a slot that is over, with a booking nobody came for (inserted as the functions store them)
      const now = Date.now();
      const slotId = `bench-slot-${uniq()}`;
      const bookingId = `bench-booking-${uniq()}`;
      await insertMany(pop.url, 'meet_slots', [
        {
          _id: slotId,
          clientId: slotId,
          leaderId: BENCH_LEADER,
          leaderName: '测试县领导',
          unitId: null,
          unitName: '县领导',
          place: '县信访局领导接待室',
          venueScene: 'v-bench00000000',
          startAt: now - 2 * 3_600_000,
          endAt: now - 3_600_000,
          capacity: 5,
          booked: 1,
          minNoticeHours: 0,
          horizonDays: 30,
          cancelHours: 0,
          status: 'open',
          version: 1,
          createdAt: now - 86_400_000,
        },
      ]);
      await insertMany(pop.url, 'meet_bookings', [
        {
          _id: bookingId,
          clientId: bookingId,
          slotId,
          residentId: nextResident(pop),
          leaderId: BENCH_LEADER,
          unitId: null,
          topic: '村里灌溉水渠失修，想当面反映',
          contactName: '王秀英',
          contactPhone: null,
          requestId: null,
          status: 'confirmed',
          remindAt: now - 86_400_000,
          reminded: true,
          proposal: null,
          outcome: null,
          version: 1,
          createdAt: now - 86_400_000,
          updatedAt: now - 86_400_000,
          events: [],
        },
      ]);
      return meet({ action: 'noShow', bookingId, version: 1 }, MEET_ADMIN);
    },
  },
];

// ---------------------------------------------------------------- 党员志愿服务 (S6)
const VOL = 'demo-volunteer-1';
const VOL_SCENE = 'v-machunhua';
const VOLS_IN_COUNTY = 300;
const vol = (event: Record<string, unknown>, openid = VOL): Call => ({ fn: 'volunteer', openid, event });
const volsGrown = new WeakMap<Population, Promise<void>>();

/**
 * A county's party members with cards (a few hundred, each with a year of duties): once per
 * population. Calls that add pairs spread over them, as no member keeps more than 20.
 */
function growVolunteers(pop: Population): Promise<void> {
  let made = volsGrown.get(pop);
  if (!made) {
    const now = Date.now();
    const year = `y${repDate().slice(0, 4)}`;
    const ids = Array.from({ length: VOLS_IN_COUNTY }, (_, i) => `bench-vol-${i}`);
    made = insertMany(
      pop.url,
      'users',
      ids.map((_id, i) => ({
        _id,
        roles: ['resident', 'volunteer'],
        unitId: null,
        unitName: null,
        name: `党员${i}`,
        level: null,
        createdAt: now,
        updatedAt: now,
      })),
    ).then(() =>
      insertMany(
        pop.url,
        'volunteers',
        ids.map((_id, i) => ({
          _id,
          name: `党员${i}`,
          scene: `v-bench-${i}`,
          branch: `第${Math.floor(i / 30) + 1}党支部`,
          phone: '0000-6620000',
          intro: '结对本村群众',
          active: true,
          pairs: i % 22,
          years: { [year]: { duties: i % 15, byKind: { 政策宣传: i % 15 } } },
          createdAt: now,
          updatedAt: now,
        })),
      ),
    );
    volsGrown.set(pop, made);
  }
  return made;
}

/** A grown member with room for another pair (their seeded count is i % 22). */
const roomy = (i: number): string => `bench-vol-${(i * 7) % 20}`;
/** A pair of a grown member (unmeasured). */
async function benchPair(pop: Population, openid: string): Promise<Record<string, unknown>> {
  await growVolunteers(pop);
  return prep(
    pop,
    vol({ action: 'addPair', clientId: `bench-${uniq()}`, name: '王桂兰', regionId: 'vil-hexi', address: '河西村三组12号' }, openid),
  );
}

const VOLUNTEER_SCENARIOS: Scenario[] = [
  { key: 'volunteer.card', variant: 'scan', make: async (pop, i) => vol({ action: 'card', scene: VOL_SCENE }, pick(pop.residents, i)) },
  { key: 'volunteer.home', variant: 'member', make: async () => vol({ action: 'home' }) },
  { key: 'volunteer.cardCode', variant: 'own card', make: async () => vol({ action: 'cardCode' }) },
  {
    key: 'volunteer.pairs',
    variant: 'page 1',
    make: async (pop) => {
      await benchPair(pop, roomy(0));
      return vol({ action: 'pairs' }, roomy(0));
    },
  },
  {
    key: 'volunteer.pair',
    variant: 'with its minute',
    make: async (pop, i) => {
      const p = await benchPair(pop, roomy(i));
      await prep(
        pop,
        vol(
          {
            action: 'record',
            clientId: `bench-${uniq()}`,
            pairId: p.id,
            kind: '帮困扶弱',
            date: repDate(),
            content: '帮老人买药、打扫院子',
          },
          roomy(i),
        ),
      );
      return vol({ action: 'pair', pairId: p.id }, roomy(i));
    },
  },
  {
    key: 'volunteer.addPair',
    variant: 'one resident',
    make: async (pop, i) => {
      await growVolunteers(pop);
      return vol(
        { action: 'addPair', clientId: `bench-${uniq()}`, name: '李秀兰', regionId: 'vil-hexi', address: '河西村四组3号' },
        roomy(i),
      );
    },
  },
  {
    key: 'volunteer.endPair',
    variant: 'active pair',
    make: async (pop, i) => {
      const p = await benchPair(pop, roomy(i));
      return vol({ action: 'endPair', pairId: p.id, version: p.version, reason: '群众已搬离本村' }, roomy(i));
    },
  },
  {
    key: 'volunteer.duties',
    variant: 'page 1',
    make: async (pop) => {
      const p = await benchPair(pop, roomy(1));
      await prep(
        pop,
        vol(
          {
            action: 'onBehalf',
            clientId: `bench-${uniq()}`,
            pairId: p.id,
            kind: '事务代办',
            category: '求助',
            content: '代办临时救助申请',
            consent: '当面口头同意',
          },
          roomy(1),
        ),
      );
      return vol({ action: 'duties' }, roomy(1));
    },
  },
  {
    key: 'volunteer.record',
    variant: 'policy talk',
    make: async (pop, i) => {
      const p = await benchPair(pop, roomy(i));
      return vol(
        {
          action: 'record',
          clientId: `bench-${uniq()}`,
          pairId: p.id,
          kind: '政策宣传',
          date: repDate(),
          content: '讲解城乡居民医保缴费政策',
        },
        roomy(i),
      );
    },
  },
  {
    key: 'volunteer.onBehalf',
    variant: '代办',
    make: async (pop, i) => {
      const p = await benchPair(pop, roomy(i));
      return vol(
        {
          action: 'onBehalf',
          clientId: `bench-${uniq()}`,
          pairId: p.id,
          kind: '事务代办',
          category: '求助',
          content: '代群众申请临时救助，家中老人住院',
          consent: '当面口头同意',
        },
        roomy(i),
      );
    },
  },
  {
    key: 'volunteer.figures',
    variant: `${VOLS_IN_COUNTY} members`,
    make: async (pop) => {
      await growVolunteers(pop);
      return vol({ action: 'figures', year: Number(repDate().slice(0, 4)) }, pop.admin);
    },
  },
];

// ---------------------------------------------------------------- 干部履职 (S1–S3, S5, S8)

/** A 县直单位领导 of the demo (住建局's 赵明) records; the county has this many leaders' tallies for the figures. */
const LEADER = 'demo-cadre-zhujian';
const LEADERS_IN_COUNTY = 300;
let leadersGrown = false;
const duty = (event: Record<string, unknown>, openid = LEADER): Call => ({ fn: 'duty', openid, event });

/** Leaders' tallies of a real county (as the timer's sweep leaves them), ranked, in 250 units. */
async function growLeaders(pop: Population): Promise<void> {
  if (leadersGrown) return;
  leadersGrown = true;
  const now = Date.now();
  const day = repDate();
  const year = `y${day.slice(0, 4)}`;
  const levels = ['县四大班子领导', '镇领导', '街道领导', '县直单位领导'];
  await insertMany(
    pop.url,
    'duty_tallies',
    Array.from({ length: LEADERS_IN_COUNTY }, (_, i) => ({
      _id: `bench-leader-${i}`,
      key: cadreKey(`bench-leader-${i}`),
      leader: true,
      name: `领导${i}`,
      unitId: pick(pop.units, i),
      unitName: '测试单位',
      level: levels[i % levels.length],
      tenure: { from: `${day.slice(0, 4)}-01-01`, places: [] },
      years: {
        [year]: {
          days: [day],
          stay: [],
          slots: {},
          contactVisits: i % 5,
          places: [],
          households: i % 40,
          reports: i % 2,
          talks: i % 3,
          pairs: {},
          festivals: {},
          assigned: {},
        },
      },
      rank: (i * 7919) % 9000,
      rankedOn: day,
      version: 1,
      updatedAt: now,
    })),
  );
}

/** The organisation department (组织部): an admin of its own, with its own hourly allowance of typed text. */
const ORG = 'bench-orgdept';
let orgMade = false;
async function org(pop: Population): Promise<string> {
  if (!orgMade) {
    orgMade = true;
    const now = Date.now();
    await insertMany(pop.url, 'users', [
      { _id: ORG, roles: ['resident', 'admin'], unitId: null, unitName: null, name: '组织部', level: null, createdAt: now, updatedAt: now },
    ]);
  }
  return ORG;
}

/** A contact point the organisation department gives the demo leader (unmeasured). */
const benchPoint = async (pop: Population): Promise<Record<string, unknown>> =>
  prep(
    pop,
    duty(
      {
        action: 'assignPoint',
        clientId: `bench-${uniq()}`,
        cadreKey: cadreKey(LEADER),
        year: Number(repDate().slice(0, 4)),
        slot: 'serviceRecipient',
        name: `服务对象${uniq()}`,
      },
      await org(pop),
    ),
  );

const visit = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  action: 'recordVisit',
  clientId: `bench-${uniq()}`,
  kind: 'visit',
  start: repDate(),
  end: repDate(),
  regionId: 'vil-hexi',
  place: '河西村三组',
  purpose: '了解饮水安全情况',
  households: 3,
  retinue: 1,
  ...extra,
});

const DUTY_SCENARIOS: Scenario[] = [
  { key: 'duty.home', variant: '县直单位领导', make: async () => duty({ action: 'home' }) },
  { key: 'duty.recordVisit', variant: 'visit', make: async () => duty(visit()) },
  {
    key: 'duty.recordVisit',
    variant: 'one request gathered',
    make: async () => duty(visit({ requests: [{ category: '求助', content: '三组自来水压力不够，高处人家白天没水' }] })),
  },
  {
    key: 'duty.recordReport',
    variant: 'today',
    make: async () =>
      duty({
        action: 'recordReport',
        clientId: `bench-${uniq()}`,
        date: repDate(),
        topic: '农村饮水安全调研',
        summary: '走访三个村，群众最关心水压和水质。',
      }),
  },
  {
    key: 'duty.recordTalk',
    variant: 'today',
    make: async () =>
      duty({
        action: 'recordTalk',
        clientId: `bench-${uniq()}`,
        date: repDate(),
        talkWith: '城建监察大队',
        form: '集体座谈',
        notes: '了解思想状况',
      }),
  },
  { key: 'duty.records', variant: 'page 1', make: async () => duty({ action: 'records' }) },
  {
    key: 'duty.pointCode',
    variant: 'organisation department',
    make: async (pop) => duty({ action: 'pointCode', pointId: (await benchPoint(pop)).id }, await org(pop)),
  },
  {
    key: 'duty.point',
    variant: 'scan',
    make: async (pop, i) => duty({ action: 'point', scene: (await benchPoint(pop)).scene }, pick(pop.residents, i)),
  },
  {
    key: 'duty.assignPoint',
    variant: 'a service recipient',
    make: async (pop) =>
      duty(
        {
          action: 'assignPoint',
          clientId: `bench-${uniq()}`,
          cadreKey: cadreKey(LEADER),
          year: Number(repDate().slice(0, 4)),
          slot: 'serviceRecipient',
          name: `服务对象${uniq()}`,
        },
        await org(pop),
      ),
  },
  {
    key: 'duty.removePoint',
    variant: 'active',
    make: async (pop) => {
      const p = await benchPoint(pop);
      return duty({ action: 'removePoint', pointId: p.id, version: p.version }, await org(pop));
    },
  },
  {
    key: 'duty.points',
    variant: 'this year',
    make: async (pop) => duty({ action: 'points', year: Number(repDate().slice(0, 4)) }, await org(pop)),
  },
  {
    key: 'duty.figures',
    variant: `county, ${LEADERS_IN_COUNTY} leaders`,
    make: async (pop) => {
      await growLeaders(pop);
      return duty({ action: 'figures' }, await org(pop));
    },
  },
  {
    key: 'duty.figures',
    variant: 'unit head',
    make: async (pop) => {
      await growLeaders(pop);
      return duty({ action: 'figures' }, 'demo-head-renshe');
    },
  },
  {
    key: 'duty.exportFigures',
    variant: `${LEADERS_IN_COUNTY} leaders`,
    make: async (pop) => {
      await growLeaders(pop);
      return duty({ action: 'exportFigures' }, await org(pop));
    },
  },
  { key: 'duty.reliefs', variant: 'own pairs', make: async () => duty({ action: 'reliefs' }) },
  {
    key: 'duty.addRelief',
    variant: '一助一',
    make: async () =>
      duty({ action: 'addRelief', clientId: `bench-${uniq()}`, kind: 'oneToOne', household: '河西村李大爷', plan: '帮助申请临时救助' }),
  },
  {
    key: 'duty.reliefVisit',
    variant: '八一 to a 优抚 household',
    make: async (pop) => {
      const r = await prep(
        pop,
        duty({
          action: 'addRelief',
          clientId: `bench-${uniq()}`,
          kind: 'youfu',
          household: '优抚对象王大娘',
          contact: '住建局办公室张三',
          plan: '节日走访慰问',
        }),
      );
      return duty({ action: 'reliefVisit', reliefId: r.id, version: r.version, occasion: '八一', date: repDate() });
    },
  },
  { key: 'duty.rules', variant: 'seeded', make: async (pop) => duty({ action: 'rules' }, await org(pop)) },
  {
    key: 'duty.updateRule',
    variant: 'next year',
    make: async (pop) => {
      const id = `bench-rule-${uniq()}`;
      await insertMany(pop.url, 'duty_rules', [{ ...dutyRules.find((r) => r._id === 'S5.2-talks')!, _id: id }]);
      return duty(
        { action: 'updateRule', ruleId: id, version: 0, threshold: 3, fromYear: Number(repDate().slice(0, 4)) + 1 },
        await org(pop),
      );
    },
  },
  // S3 下基层锻炼: the organisation department posts a bench cadre (their file typed in), who files the report, then is assessed
  { key: 'duty.postings', variant: 'the county (组织部)', make: async (pop) => duty({ action: 'postings' }, await org(pop)) },
  {
    key: 'duty.postings',
    variant: "a cadre's own",
    make: async (pop, i) => duty({ action: 'postings' }, pick(Object.values(pop.cadreOf), i)),
  },
  { key: 'duty.postingCandidates', variant: 'page 1', make: async (pop) => duty({ action: 'postingCandidates' }, await org(pop)) },
  {
    key: 'duty.post',
    variant: 'a reserve cadre, file typed in',
    make: async (pop, i) => duty(posting(pick(Object.values(pop.cadreOf), i)), await org(pop)),
  },
  {
    key: 'duty.postingReport',
    variant: 'after 95 days',
    make: async (pop, i) => {
      const cadre = pick(Object.values(pop.cadreOf), i);
      const p = await prep(pop, duty(posting(cadre), await org(pop)));
      return duty({ action: 'postingReport', postingId: p.id, version: p.version, end: daysAgo(5), summary: POSTING_REPORT }, cadre);
    },
  },
  {
    key: 'duty.assessPosting',
    variant: 'reported',
    make: async (pop, i) => {
      const cadre = pick(Object.values(pop.cadreOf), i);
      const p = await prep(pop, duty(posting(cadre), await org(pop)));
      const r = await prep(
        pop,
        duty({ action: 'postingReport', postingId: p.id, version: p.version, end: daysAgo(5), summary: POSTING_REPORT }, cadre),
      );
      return duty({ action: 'assessPosting', postingId: r.id, version: r.version, result: '称职', notes: '表现良好' }, await org(pop));
    },
  },
];

/** A county day `n` days before today. */
const daysAgo = (n: number): string => new Date(Date.now() + 8 * 3_600_000 - n * DAY_MS).toISOString().slice(0, 10);
const POSTING_REPORT = '在河西村协助村两委开展饮水工程和矛盾调解，完成入户走访120户';
/** A 100-day posting of `cadre` to 河西村, ended 5 days ago, with the cadre's file typed in. */
const posting = (cadre: string): Record<string, unknown> => ({
  action: 'post',
  clientId: `bench-${uniq()}`,
  cadreKey: cadreKey(cadre),
  place: '河西村党支部书记助理',
  regionId: 'vil-hexi',
  start: daysAgo(100),
  end: daysAgo(5),
  birthYear: 1993,
  grassroots: false,
});

/** The 县文明办's own admin, who sets up the teams. */
const organiser = (pop: Population): Promise<string> => extraAdmin(pop, 'bench-vol-organiser', '文明办管理员');

/** A team a grown member leads (unmeasured). */
async function benchTeam(pop: Population, leader: string): Promise<Record<string, unknown>> {
  await growVolunteers(pop);
  const admin = await organiser(pop);
  return prep(
    pop,
    vol(
      {
        action: 'createTeam',
        clientId: `bench-${uniq()}`,
        name: '城关镇法律援助服务队',
        skill: '法律援助',
        organizer: '县文明办',
        leaderScene: `v-bench-${leader.slice('bench-vol-'.length)}`,
      },
      admin,
    ),
  );
}
/** Today's activity of a team the grown member leads (unmeasured), for `capacity` people. */
async function benchActivity(pop: Population, leader: string, capacity = 50): Promise<Record<string, unknown>> {
  const t = await benchTeam(pop, leader);
  return prep(
    pop,
    vol(
      {
        action: 'planActivity',
        clientId: `bench-${uniq()}`,
        teamId: t.id,
        title: '法律知识进社区',
        date: repDate(),
        place: '幸福社区活动室',
        capacity,
      },
      leader,
    ),
  );
}

const VOLUNTEER_TEAM_SCENARIOS: Scenario[] = [
  {
    key: 'volunteer.teams',
    variant: 'member',
    make: async (pop) => {
      await benchTeam(pop, roomy(0));
      return vol({ action: 'teams' }, roomy(0));
    },
  },
  {
    key: 'volunteer.team',
    variant: 'with an activity',
    make: async (pop, i) => {
      const a = await benchActivity(pop, roomy(i));
      return vol({ action: 'team', teamId: a.teamId }, roomy(i));
    },
  },
  {
    key: 'volunteer.createTeam',
    variant: 'organiser',
    make: async (pop, i) => {
      await growVolunteers(pop);
      return vol(
        {
          action: 'createTeam',
          clientId: `bench-${uniq()}`,
          name: '幸福社区环保志愿服务队',
          skill: '环境保护',
          organizer: '团县委',
          leaderScene: `v-bench-${i % 20}`,
        },
        await organiser(pop),
      );
    },
  },
  {
    key: 'volunteer.joinTeam',
    variant: 'a new member',
    make: async (pop, i) => {
      const t = await benchTeam(pop, roomy(i));
      return vol({ action: 'joinTeam', teamId: t.id, version: t.version }, roomy(i + 1));
    },
  },
  {
    key: 'volunteer.planActivity',
    variant: 'leader',
    make: async (pop, i) => {
      const t = await benchTeam(pop, roomy(i));
      return vol(
        {
          action: 'planActivity',
          clientId: `bench-${uniq()}`,
          teamId: t.id,
          title: '垃圾分类宣传',
          date: repDate(),
          place: '河西村村委会',
          capacity: 30,
        },
        roomy(i),
      );
    },
  },
  {
    key: 'volunteer.activityCode',
    variant: 'leader',
    make: async (pop, i) => vol({ action: 'activityCode', activityId: (await benchActivity(pop, roomy(i))).id }, roomy(i)),
  },
  {
    key: 'volunteer.signUp',
    variant: 'a place left',
    make: async (pop, i) => vol({ action: 'signUp', activityId: (await benchActivity(pop, roomy(i))).id }, roomy(i + 1)),
  },
  {
    key: 'volunteer.checkIn',
    variant: 'first at the venue',
    make: async (pop, i) => {
      const a = await benchActivity(pop, roomy(i));
      await prep(pop, vol({ action: 'signUp', activityId: a.id }, roomy(i + 1)));
      const code = await prep(pop, vol({ action: 'activityCode', activityId: a.id }, roomy(i)));
      return vol({ action: 'checkIn', scene: code.scene }, roomy(i + 1));
    },
  },
];

/** A post of 河西村 (unmeasured), set by the dispatcher's colleague at the 文明办, with places for everyone. */
const benchPost = async (pop: Population): Promise<Record<string, unknown>> =>
  prep(
    pop,
    vol(
      {
        action: 'createPost',
        clientId: `bench-${uniq()}`,
        regionId: 'vil-hexi',
        title: '楼栋长',
        duty: '收集楼栋群众诉求，每月走访一次',
        slots: 50,
      },
      await organiser(pop),
    ),
  );

const VOLUNTEER_POST_SCENARIOS: Scenario[] = [
  {
    key: 'volunteer.myCommunity',
    variant: 'registered, three posts',
    make: async (pop) => {
      await growVolunteers(pop);
      await prep(pop, vol({ action: 'report', regionId: 'vil-hexi', kind: '在职党员报到' }, roomy(2)));
      for (let k = 0; k < 3; k += 1) await benchPost(pop);
      return vol({ action: 'myCommunity' }, roomy(2));
    },
  },
  {
    key: 'volunteer.report',
    variant: 'in-service member',
    make: async (pop, i) => {
      await growVolunteers(pop);
      return vol({ action: 'report', regionId: 'com-xingfu', kind: '在职党员报到' }, `bench-vol-${100 + (i % 100)}`);
    },
  },
  {
    key: 'volunteer.claimPost',
    variant: 'a place left',
    make: async (pop, i) => {
      await growVolunteers(pop);
      const who = `bench-vol-${200 + (i % 100)}`;
      await prep(pop, vol({ action: 'report', regionId: 'vil-hexi', kind: '无职党员设岗' }, who));
      return vol({ action: 'claimPost', postId: (await benchPost(pop)).id }, who);
    },
  },
  {
    key: 'volunteer.createPost',
    variant: 'organiser',
    make: async (pop) =>
      vol(
        {
          action: 'createPost',
          clientId: `bench-${uniq()}`,
          regionId: 'vil-hexi',
          title: '政策宣传员',
          duty: '每月在村务公开栏宣讲惠民政策',
          slots: 2,
        },
        await organiser(pop),
      ),
  },
  {
    key: 'volunteer.community',
    variant: 'the town’s cadre',
    make: async (pop) => {
      await benchPost(pop);
      return vol({ action: 'community', regionId: 'vil-hexi' }, pop.cadreOf['unit-chengguan']!);
    },
  },
];

// ---------------------------------------------------------------- 包案 (S4.5)

/** The 县委办's admin gives key cases (its own typed-text allowance, not the dispatcher's). */
const caseAdmin = (pop: Population): Promise<string> => extraAdmin(pop, 'bench-case-admin', '县委办管理员');
/** A letter registered and given to the bench's county leader, unmeasured; with all five duties ticked when `ticked`. */
async function benchCase(pop: Population, ticked = false): Promise<Record<string, unknown>> {
  const admin = await caseAdmin(pop);
  const reg = await prep(pop, { fn: 'admin', openid: admin, event: letter() });
  let c = await prep(pop, meet({ action: 'assignCase', requestNo: reg.no, leaderKey: leaderKey(BENCH_LEADER) }, admin));
  if (ticked)
    for (const duty of ['solve', 'counsel', 'stability', 'aid', 'law'])
      c = await prep(
        pop,
        meet({ action: 'tickDuty', caseId: c.id, version: c.version, duty, done: true, note: '已与信访人见面沟通' }, admin),
      );
  return c;
}

let benchVisitDay = 0;
/** A past day of its own for each 下访 logged here. */
const visitDay = (): string => new Date(Date.now() + 8 * 3_600_000 - ((benchVisitDay += 1) % 300) * 86_400_000).toISOString().slice(0, 10);

const CASE_SCENARIOS: Scenario[] = [
  {
    key: 'meet.logVisit',
    variant: 'a county leader, a case taken along',
    make: async (pop) => {
      const c = await benchCase(pop);
      return meet(
        {
          action: 'logVisit',
          clientId: `bench-${uniq()}`,
          date: visitDay(),
          place: '城关镇河西村',
          notes: '带案下访，同信访人当面交谈',
          caseIds: [c.id],
        },
        BENCH_LEADER,
      );
    },
  },
  {
    key: 'meet.myVisits',
    variant: 'a county leader',
    make: async () => meet({ action: 'myVisits', month: visitDay().slice(0, 7) }, BENCH_LEADER),
  },
  {
    key: 'meet.missedVisits',
    variant: 'the county this month',
    make: async (pop) => meet({ action: 'missedVisits', month: visitDay().slice(0, 7) }, await caseAdmin(pop)),
  },
  {
    key: 'meet.cases',
    variant: 'the 督办台 (the county)',
    make: async (pop) => {
      await benchCase(pop);
      return meet({ action: 'cases', box: 'open' }, await caseAdmin(pop));
    },
  },
  {
    key: 'meet.cases',
    variant: 'a county leader',
    make: async (pop) => {
      await benchCase(pop);
      return meet({ action: 'cases', box: 'open' }, BENCH_LEADER);
    },
  },
  {
    key: 'meet.caseDetail',
    variant: 'the leader',
    make: async (pop) => meet({ action: 'caseDetail', caseId: (await benchCase(pop)).id }, BENCH_LEADER),
  },
  {
    key: 'meet.assignCase',
    variant: 'a registered letter',
    make: async (pop) => {
      const admin = await caseAdmin(pop);
      const reg = await prep(pop, { fn: 'admin', openid: admin, event: letter() });
      return meet(
        { action: 'assignCase', requestNo: reg.no, leaderKey: leaderKey(BENCH_LEADER), note: '群众多次来信，请县领导包案' },
        admin,
      );
    },
  },
  {
    key: 'meet.tickDuty',
    variant: 'the leader',
    make: async (pop) => {
      const c = await benchCase(pop);
      return meet(
        { action: 'tickDuty', caseId: c.id, version: c.version, duty: 'counsel', done: true, note: '已与信访人见面谈心' },
        BENCH_LEADER,
      );
    },
  },
  {
    key: 'meet.closeCase',
    variant: 'five duties ticked',
    make: async (pop) => {
      const c = await benchCase(pop, true);
      return meet({ action: 'closeCase', caseId: c.id, version: c.version, note: '问题已解决，信访人息诉罢访' }, await caseAdmin(pop));
    },
  },
];

// ---------------------------------------------------------------- 阅批 (S4.1)

/** The county leader letters go to, and the 信访局 desk that sends them (its own hourly text allowance). */
const LETTER_LEADER = 'bench-letter-leader';
let letterLeaderMade: Promise<void> | null = null;
const letterLeader = (pop: Population): Promise<void> =>
  (letterLeaderMade ??= insertMany(pop.url, 'users', [
    {
      _id: LETTER_LEADER,
      roles: ['resident', 'cadre'],
      unitId: null,
      unitName: null,
      name: '阅批县领导',
      level: '县四大班子领导',
      head: false,
      createdAt: Date.now(),
      updatedAt: Date.now(),
    },
  ]));
const letterDesk = (pop: Population): Promise<string> => extraAdmin(pop, 'bench-letter-admin', '信访局阅批员');

/** A registered letter (unmeasured), sent to the bench leader when `sent`. */
async function letterFor(pop: Population, sent: boolean): Promise<{ id: string; version: number }> {
  await letterLeader(pop);
  const reg = await prep(pop, { fn: 'admin', openid: await letterDesk(pop), event: letter() });
  if (!sent) return { id: String(reg.id), version: 0 };
  const d = await prep(pop, {
    fn: 'admin',
    openid: await letterDesk(pop),
    event: { action: 'toLeader', id: reg.id, version: 0, scope: 'county', leaderKey: leaderKey(LETTER_LEADER), important: true },
  });
  return { id: String(reg.id), version: Number(d.version) };
}

const LETTER_SCENARIOS: Scenario[] = [
  {
    key: 'admin.leaders',
    variant: 'the county leaders',
    make: async (pop) => ({ fn: 'admin', openid: pop.admin, event: { action: 'leaders', scope: 'county' } }),
  },
  {
    key: 'admin.toLeader',
    variant: '重要来信 with a note',
    make: async (pop) => {
      const d = await letterFor(pop, false);
      return {
        fn: 'admin',
        openid: await letterDesk(pop),
        event: { action: 'toLeader', ...d, scope: 'county', leaderKey: leaderKey(LETTER_LEADER), important: true, note: '请阅示' },
      };
    },
  },
  {
    key: 'request.letters',
    variant: 'the leader’s letters to read',
    make: async (pop) => {
      await letterFor(pop, true);
      return { fn: 'request', openid: LETTER_LEADER, event: { action: 'letters', box: 'todo' } };
    },
  },
  {
    key: 'admin.dispatch',
    variant: '联合办理: a lead and two co-handling units',
    make: async (pop, i) => {
      const r = await take(pop, 'submitted');
      const lead = pick(pop.units, i);
      const co = pop.units.filter((u) => u !== lead).slice(0, 2);
      return {
        fn: 'admin',
        openid: await letterDesk(pop),
        event: { action: 'dispatch', id: r.id, version: r.version, unitId: lead, coUnitIds: co, note: '请联合办理' },
      };
    },
  },
  {
    key: 'request.coReply',
    variant: 'a co-handling unit’s part',
    make: async (pop, i) => {
      const r = await take(pop, 'submitted');
      const lead = pick(pop.units, i);
      const co = other(pop, lead);
      const d = await prep(pop, {
        fn: 'admin',
        openid: await letterDesk(pop),
        event: { action: 'dispatch', id: r.id, version: r.version, unitId: lead, coUnitIds: [co] },
      });
      return {
        fn: 'request',
        openid: pop.cadreOf[co]!,
        event: { action: 'coReply', id: r.id, version: Number(d.version), answer: '本单位已核查职责范围内的情况，意见如下。' },
      };
    },
  },
  {
    key: 'request.instruct',
    variant: 'the leader’s 批示',
    make: async (pop) => {
      const d = await letterFor(pop, true);
      return { fn: 'request', openid: LETTER_LEADER, event: { action: 'instruct', ...d, instruction: '请县人社局认真核查，限期答复。' } };
    },
  },
];

export const SCENARIOS: Scenario[] = [
  // ---------------------------------------------------------------- user
  {
    key: 'user.me',
    variant: 'resident',
    make: async (pop, i) => ({ fn: 'user', openid: pick(pop.residents, i), event: { action: 'me' } }),
  },
  {
    key: 'user.bindInvite',
    variant: 'fresh code',
    make: async (pop) => {
      const code = inviteCode();
      const now = Date.now();
      await insertMany(pop.url, 'invites', [
        {
          _id: code,
          unitId: 'unit-shimen',
          unitName: '石门镇人民政府',
          level: '镇领导',
          createdBy: pop.admin,
          createdAt: now,
          expiresAt: now + 86_400_000,
          usedBy: null,
          usedAt: null,
        },
      ]);
      return { fn: 'user', openid: `bench-newcadre-${uniq()}`, event: { action: 'bindInvite', code, name: '张新' } };
    },
  },
  {
    key: 'user.claimSetup',
    variant: 'fresh code',
    make: async (pop) => {
      const code = newSetupCode();
      const now = Date.now();
      await insertMany(pop.url, 'setup_codes', [
        { _id: setupCodeId(code), createdAt: now, expiresAt: now + 86_400_000, usedBy: null, usedAt: null },
      ]);
      return { fn: 'user', openid: `bench-firstadmin-${uniq()}`, event: { action: 'claimSetup', code } };
    },
  },
  {
    key: 'user.grantSubscriptions',
    variant: 'none accepted',
    make: async (pop, i) => ({ fn: 'user', openid: pick(pop.residents, i), event: { action: 'grantSubscriptions', answers: {} } }),
  },
  {
    key: 'user.grantSubscriptions',
    variant: 'long-term accepted, settings reported',
    make: async (pop, i) => ({
      fn: 'user',
      openid: pick(pop.residents, i),
      event: { action: 'grantSubscriptions', answers: { 'demo-tmpl-progress-long': 'accept' }, mainSwitch: true },
    }),
  },
  // ---------------------------------------------------------------- county
  {
    key: 'county.figures',
    variant: 'admin, a month, page 1',
    make: async (pop) => ({ fn: 'county', openid: pop.admin, event: { action: 'figures', month: '2026-11' } }),
  },
  {
    key: 'county.figures',
    variant: 'admin, a month, page 2',
    make: async (pop) => {
      const first = await prep(pop, { fn: 'county', openid: pop.admin, event: { action: 'figures', month: '2026-11' } });
      return { fn: 'county', openid: pop.admin, event: { action: 'figures', month: '2026-11', cursor: first.cursor } };
    },
  },
  {
    key: 'county.figures',
    variant: 'cadre, own unit',
    make: async (pop) => ({ fn: 'county', openid: pop.cadreOf[pop.busyUnit], event: { action: 'figures', month: '2026-11' } }),
  },
  {
    key: 'county.card',
    variant: 'scan',
    make: async (pop, i) => ({ fn: 'county', openid: pick(pop.residents, i), event: { action: 'card', scene: 'c-renshe-01' } }),
  },
  {
    key: 'county.unitCards',
    variant: 'cadre',
    make: async (pop) => ({ fn: 'county', openid: pop.cadreOf['unit-renshe'], event: { action: 'unitCards' } }),
  },
  {
    key: 'county.cardCode',
    variant: 'cadre',
    make: async (pop) => ({ fn: 'county', openid: pop.cadreOf['unit-renshe'], event: { action: 'cardCode', cardId: 'card-renshe-1' } }),
  },
  {
    key: 'county.myCards',
    variant: 'cadre',
    make: async (pop) => ({ fn: 'county', openid: pop.cadreOf['unit-renshe']!, event: { action: 'myCards' } }),
  },
  {
    key: 'county.cards',
    variant: 'a unit and its cadres',
    make: async (pop) => ({ fn: 'county', openid: await cardsAdmin(pop), event: { action: 'cards', unitId: 'unit-renshe' } }),
  },
  {
    key: 'county.editCard',
    variant: 'the cadre’s own',
    make: async (pop, i) => {
      const openid = pop.cadreOf['unit-renshe']!;
      const { mine } = (await prep(pop, { fn: 'county', openid, event: { action: 'myCards' } })) as {
        mine: { id: string; version: number };
      };
      return {
        fn: 'county',
        openid,
        event: { action: 'editCard', cardId: mine.id, version: mine.version, fields: { post: `社保窗口负责人${i}${uniq()}`.slice(0, 30) } },
      };
    },
  },
  {
    key: 'county.handOut',
    variant: 'the unit’s card',
    make: async (pop) => {
      const openid = pop.cadreOf['unit-renshe']!;
      const card = (await prep(pop, { fn: 'county', openid, event: { action: 'unitCards' } })) as unknown as {
        id: string;
        version: number;
        kind: string;
      }[];
      const unit = card.find((c) => c.kind === 'unit')!;
      return {
        fn: 'county',
        openid,
        event: { action: 'handOut', cardId: unit.id, version: unit.version, clientId: `bench-${uniq()}`, copies: 100, to: '社保大厅窗口' },
      };
    },
  },
  {
    key: 'county.revokeCard',
    variant: 'a unit’s card',
    make: async (pop) => {
      const id = `bench-card-${uniq()}`;
      await insertMany(pop.url, 'cards', [
        {
          _id: id,
          kind: 'unit',
          scene: `c-${id.slice(-24)}`,
          unitId: 'unit-renshe',
          unitName: '县人社局',
          scope: '社保',
          duties: '首问负责',
          responsible: '值班负责人',
          phone: '0000-6612345',
          supervisionPhone: '0000-6612300',
          active: true,
          version: 1,
          updatedAt: Date.now(),
          events: [],
        },
      ]);
      return { fn: 'county', openid: await cardsAdmin(pop), event: { action: 'revokeCard', cardId: id, version: 1, reason: '单位调整' } };
    },
  },
  {
    key: 'county.units',
    variant: 'cadre',
    make: async (pop) => ({ fn: 'county', openid: pop.cadreOf[pop.busyUnit], event: { action: 'units' } }),
  },
  {
    key: 'county.regions',
    variant: 'towns',
    make: async (pop, i) => ({ fn: 'county', openid: pick(pop.residents, i), event: { action: 'regions' } }),
  },
  {
    key: 'county.regions',
    variant: 'villages',
    make: async (pop, i) => ({ fn: 'county', openid: pick(pop.residents, i), event: { action: 'regions', parentId: 'town-chengguan' } }),
  },
  // ---------------------------------------------------------------- request
  {
    key: 'request.submit',
    variant: 'by card',
    make: async () => ({
      fn: 'request',
      openid: `bench-submitter-${uniq()}`,
      event: {
        action: 'submit',
        clientId: `bench-${uniq()}`,
        category: '咨询',
        content: '请问灵活就业人员的养老保险怎样在手机上缴费？',
        scene: 'c-renshe-01',
        confidential: false,
        mayContact: true,
        contactName: '刘芳',
        contactPhone: '13800001111',
      },
    }),
  },
  {
    key: 'request.submit',
    variant: 'by place',
    make: async () => ({
      fn: 'request',
      openid: `bench-submitter-${uniq()}`,
      event: {
        action: 'submit',
        clientId: `bench-${uniq()}`,
        category: '求助',
        content: '村口的路灯坏了一个多月了，晚上出行不方便。',
        regionId: 'vil-hexi',
        confidential: false,
        mayContact: false,
      },
    }),
  },
  { key: 'request.mine', variant: 'page 1', make: async (pop) => ({ fn: 'request', openid: pop.busyResident, event: { action: 'mine' } }) },
  {
    key: 'request.mine',
    variant: 'page 2',
    make: async (pop) => {
      const first = await prep(pop, { fn: 'request', openid: pop.busyResident, event: { action: 'mine' } });
      return { fn: 'request', openid: pop.busyResident, event: { action: 'mine', cursor: first.cursor } };
    },
  },
  {
    key: 'request.detail',
    variant: 'requester',
    make: async (pop, i) => {
      const r = pick(pop.pool.get('closed') ?? [], i);
      return { fn: 'request', openid: r.requesterId, event: { action: 'detail', id: r.id } };
    },
  },
  {
    key: 'request.detail',
    variant: 'handling cadre',
    make: async (pop, i) => {
      const r = pick(pop.pool.get(`accepted|${pop.busyUnit}`) ?? [], i);
      return { fn: 'request', openid: pop.cadreOf[pop.busyUnit], event: { action: 'detail', id: r.id } };
    },
  },
  {
    key: 'request.withdraw',
    variant: 'before the answer',
    make: async (pop) => {
      const r = await take(pop, 'assigned');
      return {
        fn: 'request',
        openid: r.requesterId,
        event: { action: 'withdraw', id: r.id, version: r.version, reason: '问题已经自行解决了' },
      };
    },
  },
  {
    key: 'request.rate',
    variant: 'with comment',
    make: async (pop) => {
      const r = await take(pop, 'replied');
      return {
        fn: 'request',
        openid: r.requesterId,
        event: { action: 'rate', id: r.id, version: r.version, resolved: true, score: 5, comment: '答复及时，谢谢' },
      };
    },
  },
  {
    key: 'request.inbox',
    variant: 'todo page 1',
    make: async (pop) => ({ fn: 'request', openid: pop.cadreOf[pop.busyUnit], event: { action: 'inbox', box: 'todo' } }),
  },
  {
    key: 'request.inbox',
    variant: 'todo page 2',
    make: async (pop) => {
      const first = await prep(pop, { fn: 'request', openid: pop.cadreOf[pop.busyUnit], event: { action: 'inbox', box: 'todo' } });
      return { fn: 'request', openid: pop.cadreOf[pop.busyUnit], event: { action: 'inbox', box: 'todo', cursor: first.cursor } };
    },
  },
  {
    key: 'request.inbox',
    variant: 'done page 1',
    make: async (pop) => ({ fn: 'request', openid: pop.cadreOf[pop.busyUnit], event: { action: 'inbox', box: 'done' } }),
  },
  {
    key: 'request.accept',
    variant: 'assigned',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const r = await take(pop, 'assigned', unit);
      return { fn: 'request', openid: pop.cadreOf[unit], event: { action: 'accept', id: r.id, version: r.version } };
    },
  },
  {
    key: 'request.reply',
    variant: 'accepted',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const r = await take(pop, 'accepted', unit);
      return {
        fn: 'request',
        openid: pop.cadreOf[unit],
        event: { action: 'reply', id: r.id, version: r.version, reply: '已安排工作人员现场核实，本周内处理完毕。' },
      };
    },
  },
  {
    key: 'request.return',
    variant: 'assigned',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const r = await take(pop, 'assigned', unit);
      return {
        fn: 'request',
        openid: pop.cadreOf[unit],
        event: { action: 'return', id: r.id, version: r.version, reason: '该事项不属于本单位职责范围。' },
      };
    },
  },
  {
    key: 'request.transfer',
    variant: 'accepted',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const r = await take(pop, 'accepted', unit);
      return {
        fn: 'request',
        openid: pop.cadreOf[unit],
        event: { action: 'transfer', id: r.id, version: r.version, unitId: other(pop, unit), reason: '该事项由对方单位负责办理。' },
      };
    },
  },
  {
    key: 'request.duplicates',
    variant: 'admin',
    make: async (pop, i) => {
      const r = pick(pop.pool.get('submitted') ?? [], i + 1000);
      return { fn: 'request', openid: pop.admin, event: { action: 'duplicates', id: r.id } };
    },
  },
  {
    key: 'request.photos',
    variant: 'requester',
    make: async (pop, i) => {
      const r = pick(pop.pool.get('submitted') ?? [], i + 2000);
      return { fn: 'request', openid: r.requesterId, event: { action: 'photos', id: r.id } };
    },
  },
  {
    key: 'request.photos',
    variant: 'with a photo',
    make: async (pop) => {
      // A new resident uploads into their own folder (as the mini-program does) and submits with it.
      const openid = `bench-submitter-${uniq()}`;
      const me = await prep(pop, { fn: 'user', openid, event: { action: 'me' } });
      const form = new FormData();
      form.set('cloudPath', `${String(me.photoFolder)}/bench-${uniq()}.jpg`);
      form.set('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xd9])]), 'photo.jpg');
      const { fileID } = (await (await fetch(`${pop.url}/storage/upload`, { method: 'POST', body: form })).json()) as { fileID: string };
      const made = await prep(pop, {
        fn: 'request',
        openid,
        event: {
          action: 'submit',
          clientId: `bench-${uniq()}`,
          category: '求助',
          content: '小区门口的井盖破了，附上照片。',
          scene: 'c-renshe-01',
          confidential: false,
          mayContact: false,
          photos: [fileID],
        },
      });
      return { fn: 'request', openid, event: { action: 'photos', id: String(made.id) } };
    },
  },
  {
    key: 'request.transcribe',
    variant: 'a recording in the resident’s folder',
    make: async (pop) => {
      // 说话输入: a new resident records into their own folder (as the mini-program does), then asks for the words.
      const openid = `bench-speaker-${uniq()}`;
      const me = await prep(pop, { fn: 'user', openid, event: { action: 'me' } });
      const form = new FormData();
      form.set('cloudPath', `${String(me.photoFolder)}/bench-${uniq()}.mp3`);
      form.set('file', new Blob([new Uint8Array(recording('老伴的养老金认证在手机上一直做不了'))]), 'voice.mp3');
      const { fileID } = (await (await fetch(`${pop.url}/storage/upload`, { method: 'POST', body: form })).json()) as { fileID: string };
      return { fn: 'request', openid, event: { action: 'transcribe', fileID } };
    },
  },
  {
    key: 'request.unmask',
    variant: 'handling cadre',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const r = await take(pop, 'accepted', unit);
      return { fn: 'request', openid: pop.cadreOf[unit], event: { action: 'unmask', id: r.id } };
    },
  },
  {
    key: 'request.reject',
    variant: 'accepted',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const r = await take(pop, 'accepted', unit);
      return {
        fn: 'request',
        openid: pop.cadreOf[unit],
        event: { action: 'reject', id: r.id, version: r.version, reason: '该事项属于司法程序，不予受理。' },
      };
    },
  },
  {
    key: 'request.merge',
    variant: 'two assigned',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const a = await take(pop, 'assigned', unit);
      const b = await take(pop, 'assigned', unit);
      return { fn: 'request', openid: pop.cadreOf[unit], event: { action: 'merge', id: a.id, version: a.version, intoId: b.id } };
    },
  },
  {
    key: 'request.revisit',
    variant: 'replied',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const r = await take(pop, 'replied', unit);
      return {
        fn: 'request',
        openid: pop.cadreOf[unit],
        event: { action: 'revisit', id: r.id, version: r.version, note: '电话回访，群众表示满意', satisfied: true },
      };
    },
  },
  {
    key: 'request.extendAsk',
    variant: 'accepted',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const r = await take(pop, 'accepted', unit);
      return {
        fn: 'request',
        openid: pop.cadreOf[unit],
        event: { action: 'extendAsk', id: r.id, version: r.version, days: 2, reason: '需要其他部门协助核实。' },
      };
    },
  },
  {
    key: 'request.extendDecide',
    variant: 'admin approves',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const r = await take(pop, 'accepted', unit);
      const asked = await prep(pop, {
        fn: 'request',
        openid: pop.cadreOf[unit],
        event: { action: 'extendAsk', id: r.id, version: r.version, days: 2, reason: '需要其他部门协助核实。' },
      });
      return { fn: 'request', openid: pop.admin, event: { action: 'extendDecide', id: r.id, version: asked.version, approve: true } };
    },
  },
  {
    key: 'request.pause',
    variant: 'accepted',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const r = await take(pop, 'accepted', unit);
      return {
        fn: 'request',
        openid: pop.cadreOf[unit],
        event: { action: 'pause', id: r.id, version: r.version, reason: '等待群众补充材料。' },
      };
    },
  },
  {
    key: 'request.resume',
    variant: 'paused',
    make: async (pop, i) => {
      const unit = pick(pop.units, i);
      const r = await take(pop, 'accepted', unit);
      const paused = await prep(pop, {
        fn: 'request',
        openid: pop.cadreOf[unit],
        event: { action: 'pause', id: r.id, version: r.version, reason: '等待群众补充材料。' },
      });
      return { fn: 'request', openid: pop.cadreOf[unit], event: { action: 'resume', id: r.id, version: paused.version } };
    },
  },
  {
    key: 'request.reviewAsk',
    variant: '信访 answered',
    make: async (pop, i) => {
      const petitioner = pick(pop.residents, i);
      const d = await answeredLetter(pop, petitioner);
      return {
        fn: 'request',
        openid: petitioner,
        event: { action: 'reviewAsk', id: d.id, version: d.version, reason: '信访人对答复不服，申请复查。' },
      };
    },
  },
  {
    key: 'request.claim',
    variant: '受理告知 code',
    make: async (pop, i) => {
      const reg = await prep(pop, { fn: 'admin', openid: pop.admin, event: letter() });
      return { fn: 'request', openid: pick(pop.residents, i), event: { action: 'claim', code: reg.claimCode } };
    },
  },
  // ---------------------------------------------------------------- admin
  {
    key: 'admin.register',
    variant: 'letter to a unit',
    make: async (pop) => ({ fn: 'admin', openid: pop.admin, event: letter() }),
  },
  {
    key: 'admin.reviewAnswer',
    variant: '复查',
    make: async (pop, i) => {
      const petitioner = pick(pop.residents, i);
      const d = await answeredLetter(pop, petitioner);
      const asked = await prep(pop, {
        fn: 'request',
        openid: petitioner,
        event: { action: 'reviewAsk', id: d.id, version: d.version, reason: '信访人对答复不服，申请复查。' },
      });
      return {
        fn: 'admin',
        openid: pop.admin,
        event: { action: 'reviewAnswer', id: d.id, version: asked.version, opinion: '经复查，维持原答复意见。' },
      };
    },
  },
  {
    key: 'admin.claimCode',
    variant: '受理告知',
    make: async (pop) => {
      const reg = await prep(pop, { fn: 'admin', openid: pop.admin, event: letter() });
      return { fn: 'admin', openid: pop.admin, event: { action: 'claimCode', id: reg.id } };
    },
  },
  {
    key: 'admin.deliver',
    variant: '书面答复 by post',
    make: async (pop) => {
      const d = await answeredLetter(pop);
      return {
        fn: 'admin',
        openid: pop.admin,
        event: { action: 'deliver', id: d.id, version: d.version, method: '邮寄', deliveredAt: Date.now() },
      };
    },
  },
  {
    key: 'admin.reveal',
    variant: 'with a reason',
    make: async (pop, i) => {
      const r = await take(pop, 'assigned', pick(pop.units, i));
      return { fn: 'admin', openid: pop.admin, event: { action: 'reveal', id: r.id, reason: '需当面核实情况，联系信访人' } };
    },
  },
  {
    key: 'admin.updatePolicy',
    variant: 'unchanged values',
    make: async (pop) => {
      const list = (await prep(pop, { fn: 'admin', openid: pop.admin, event: { action: 'policies' } })) as unknown as Record<
        string,
        unknown
      >[];
      const { key: _key, ...policy } = list.find((p) => p.key === '信访/*/normal')!;
      return { fn: 'admin', openid: pop.admin, event: { action: 'updatePolicy', ...policy } };
    },
  },
  { key: 'admin.overdue', variant: 'page 1', make: async (pop) => ({ fn: 'admin', openid: pop.admin, event: { action: 'overdue' } }) },
  {
    key: 'admin.calendarDays',
    variant: 'all',
    make: async (pop) => ({ fn: 'admin', openid: pop.admin, event: { action: 'calendarDays' } }),
  },
  {
    key: 'admin.setCalendarDay',
    variant: '元旦 2027',
    make: async (pop) => ({
      fn: 'admin',
      openid: pop.admin,
      event: { action: 'setCalendarDay', date: '2027-01-01', work: false, name: '元旦' },
    }),
  },
  {
    key: 'admin.removeCalendarDay',
    variant: 'one day',
    make: async (pop) => ({ fn: 'admin', openid: pop.admin, event: { action: 'removeCalendarDay', date: '2027-01-02' } }),
  },
  { key: 'admin.policies', variant: 'all', make: async (pop) => ({ fn: 'admin', openid: pop.admin, event: { action: 'policies' } }) },
  { key: 'admin.queue', variant: 'page 1', make: async (pop) => ({ fn: 'admin', openid: pop.admin, event: { action: 'queue' } }) },
  {
    key: 'admin.queue',
    variant: 'page 2',
    make: async (pop) => {
      const first = await prep(pop, { fn: 'admin', openid: pop.admin, event: { action: 'queue' } });
      return { fn: 'admin', openid: pop.admin, event: { action: 'queue', cursor: first.cursor } };
    },
  },
  {
    key: 'admin.dispatch',
    variant: 'submitted',
    make: async (pop, i) => {
      const r = await take(pop, 'submitted');
      return {
        fn: 'admin',
        openid: pop.admin,
        event: { action: 'dispatch', id: r.id, version: r.version, unitId: pick(pop.units, i), note: '请尽快核实办理' },
      };
    },
  },
  {
    key: 'admin.createInvite',
    variant: 'cadre code',
    make: async (pop) => ({ fn: 'admin', openid: pop.admin, event: { action: 'createInvite', unitId: 'unit-shimen', level: '镇领导' } }),
  },
  // ---------------------------------------------------------------- 消息 and who hears nothing (issue 19)
  {
    key: 'county.unreachable',
    variant: 'admin, the county, page 1',
    make: async (pop) => ({ fn: 'county', openid: pop.admin, event: { action: 'unreachable' } }),
  },
  {
    key: 'user.messages',
    variant: 'a cadre with 150 notices (120 unread), page 1',
    make: async (pop) => ({ fn: 'user', openid: await noticed(pop), event: { action: 'messages' } }),
  },
  {
    key: 'user.messages',
    variant: 'page 2',
    make: async (pop) => {
      const to = await noticed(pop);
      const first = await prep(pop, { fn: 'user', openid: to, event: { action: 'messages' } });
      return { fn: 'user', openid: to, event: { action: 'messages', cursor: first.cursor } };
    },
  },
  {
    key: 'user.unread',
    variant: 'a cadre with 120 unread notices',
    make: async (pop) => ({ fn: 'user', openid: await noticed(pop), event: { action: 'unread' } }),
  },
  {
    key: 'user.readMessage',
    variant: 'an unread notice',
    make: async (pop, i) => ({
      fn: 'user',
      openid: await noticed(pop),
      event: { action: 'readMessage', messageId: `bench-notice-${149 - (i % 150)}` },
    }),
  },
  ...SURVEY_SCENARIOS,
  ...REP_SCENARIOS,
  ...CONSULT_SCENARIOS,
  ...VOLUNTEER_SCENARIOS,
  ...DUTY_SCENARIOS,
  ...VOLUNTEER_TEAM_SCENARIOS,
  ...[...MEET_SCENARIOS, ...APPOINTMENT_SCENARIOS].map((x) => ({
    ...x,
    make: async (pop: Population, i: number) => {
      await addMeetPeople(pop);
      return x.make(pop, i);
    },
  })),
  ...VOLUNTEER_POST_SCENARIOS,
  ...CASE_SCENARIOS.map((x) => ({
    ...x,
    make: async (pop: Population, i: number) => {
      await addMeetPeople(pop);
      return x.make(pop, i);
    },
  })),
  ...LETTER_SCENARIOS,
];

/**
 * A cadre with a long message list: 150 notices, the newest 120 unread (more than the badge counts);
 * made once per population.
 */
const noticedOf = new WeakMap<Population, Promise<string>>();
function noticed(pop: Population): Promise<string> {
  let made = noticedOf.get(pop);
  if (!made) {
    const to = 'bench-noticed-cadre';
    const now = Date.now();
    made = insertMany(
      pop.url,
      'notifications',
      Array.from({ length: 150 }, (_v, i) => ({
        _id: `bench-notice-${i}`,
        requestId: `bench-request-${i}`,
        to,
        template: 'deadline',
        page: `packages/cadre/handle/index?id=bench-request-${i}`,
        values: [`20261201-B${String(i).padStart(5, '0')}`, '小区路灯不亮，晚上出行不便', '待签收', now + 86_400_000],
        state: 'no_quota',
        attempts: 0,
        createdAt: now - (150 - i) * 60_000,
        sentAt: null,
        error: null,
        read: i < 30,
        readAt: i < 30 ? now : null,
      })),
    ).then(() => to);
    noticedOf.set(pop, made);
  }
  return made;
}

export interface Measured {
  ok: boolean;
  status: number;
  roundTrips: number;
  docsExamined: number;
  docsReturned: number;
  /** bytes of the JSON answer (what the phone receives as the function's result) */
  bytes: number;
  /** items of a page ({items, cursor}) or of an array answer; null otherwise */
  items: number | null;
  ms: number;
  body: unknown;
}

export async function run(pop: Population, c: Call): Promise<Measured> {
  const t0 = performance.now();
  const r: InvokeResponse<{ ok?: boolean; data?: unknown }> = await invoke(pop.url, c.fn, c.event, c.openid);
  const ms = performance.now() - t0;
  const data = r.body?.data as { items?: unknown } | unknown[] | undefined;
  const items = Array.isArray(data)
    ? data.length
    : data && Array.isArray((data as { items?: unknown }).items)
      ? (data as { items: unknown[] }).items.length
      : null;
  return {
    ok: r.status === 200 && r.body?.ok === true,
    status: r.status,
    roundTrips: r.roundTrips,
    docsExamined: r.docsExamined,
    docsReturned: r.docsReturned,
    bytes: Buffer.byteLength(JSON.stringify(r.body ?? null)),
    items,
    ms,
    body: r.body,
  };
}
