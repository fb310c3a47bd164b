/**
 * Seeds the demo county into a running emulator: the directory and rules through the real SDK,
 * then requests in every state through the real functions, so each has a true audit trail.
 */
import type { ActionName, ActionReq, ActionRes, Envelope, FunctionName, RequestDetail, SubmitResult } from '../typings';
import * as demo from './demo-county';

export interface SeedOptions {
  /** Also walk requests through every state (npm start); tests that build their own skip it. */
  requests?: boolean;
}

/** Calls a function on the emulator as `openid` and unwraps the envelope. */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  url: string,
  openid: string,
  fn: F,
  action: A,
  req: ActionReq<F, A>,
): Promise<ActionRes<F, A>> {
  const res = await fetch(`${url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lianxin-openid': openid },
    body: JSON.stringify({ action, ...(req as object) }),
  });
  const env = (await res.json()) as Envelope<ActionRes<F, A>>;
  if (!env.ok) throw new Error(`${fn}.${action}: ${env.error.code} ${env.error.message}`);
  return env.data;
}

/** Points this process's wx-server-sdk at the emulator (read by the SDK on every call). */
export function useEmulator(url: string): void {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${url}/admin` });
  process.env.TENCENTCLOUD = 'true';
  process.env.TENCENTCLOUD_SECRETID = process.env.TENCENTCLOUD_SECRETID || 'local';
  process.env.TENCENTCLOUD_SECRETKEY = process.env.TENCENTCLOUD_SECRETKEY || 'local';
}

/** Returns false when the county was already there (the seed runs once per data directory). */
export async function seedCounty(url: string, opts: SeedOptions = {}): Promise<boolean> {
  useEmulator(url);
  const { getById, insert } = await import('../server/db');
  // The local WeChat keeps subscription grants (in memory, every start): it is told which of the
  // county's templates are long-term, as the mini-program console knows.
  await fetch(`${url}/dev/subscribe/templates`, {
    method: 'PUT',
    body: JSON.stringify({ templates: Object.fromEntries(demo.subscribeSettings.templates.map((t) => [t.id, t.kind])) }),
  });
  if (await getById('units', demo.units[0]!._id)) return false;
  const now = Date.now();
  const put = (coll: Parameters<typeof insert>[0], docs: readonly ({ _id: string } & object)[]) =>
    Promise.all(docs.map((d) => insert(coll, d)));
  await put(
    'regions',
    demo.regions.map((r) => (demo.regionHouseholds[r._id] ? { ...r, households: demo.regionHouseholds[r._id] } : r)),
  );
  await put('units', demo.units);
  await put('cards', [...demo.cards, ...demo.cadreCards]);
  await put('deadline_policies', demo.deadlinePolicies);
  await put('routing_rules', demo.routingRules);
  await put('settings', [demo.subscribeSettings, demo.supervisionSettings, demo.limitSettings, demo.repTargetSettings]);
  await put('rep_groups', demo.repGroups);
  await put('meet_rules', demo.meetRules);
  await put('visit_rules', demo.visitRules);
  await put('settings', [demo.volTargetSettings]);
  await put(
    'volunteers',
    demo.volunteers.map((v) => ({ ...v, createdAt: now, updatedAt: now })),
  );
  await put('duty_rules', demo.dutyRules);
  await put('settings', [demo.dutyCalendar]);
  await put(
    'reps',
    demo.reps.map((r) => ({ ...r, createdAt: now, updatedAt: now })),
  );
  await put(
    'users',
    [...demo.demoUsers, ...demo.dutyLeaders]
      .filter((u) => u.roles.length > 1)
      .map((u) => ({
        _id: u.openid,
        roles: u.roles,
        unitId: u.unitId,
        name: u.name,
        level: u.level,
        head: u.head === true,
        unitName: demo.units.find((x) => x._id === u.unitId)?.name ?? null,
        ...(u.birthYear !== undefined ? { birthYear: u.birthYear, grassroots: u.grassroots ?? null } : {}),
        createdAt: now,
        updatedAt: now,
      })),
  );
  const invite = {
    ...demo.demoInvite,
    createdBy: demo.DEMO.admin,
    createdAt: now,
    expiresAt: now + 365 * 86_400_000,
    usedBy: null,
    usedAt: null,
  };
  await put('invites', [invite]);
  if (opts.requests) {
    await seedRequests(url);
    await seedCase(url);
    await seedSurveys(url);
    await seedConsult(url);
  }
  return true;
}

/** Requests in every state, each moved there by the people who would move it. */
async function seedRequests(url: string): Promise<void> {
  const r1 = demo.DEMO.resident1;
  const r2 = demo.DEMO.resident2;
  const submit = (
    openid: string,
    clientId: string,
    req: Omit<ActionReq<'request', 'submit'>, 'clientId' | 'confidential' | 'mayContact'> & {
      mayContact?: boolean;
      confidential?: boolean;
    },
  ) =>
    call(url, openid, 'request', 'submit', {
      clientId,
      confidential: false,
      mayContact: true,
      contactName: openid === r1 ? '王秀英' : '陈大山',
      contactPhone: openid === r1 ? '13800001234' : '13800005678',
      ...req,
    });
  const detail = (openid: string, s: SubmitResult) => call(url, openid, 'request', 'detail', { id: s.id });
  const v = (d: RequestDetail) => ({ id: d.id, version: d.version });

  // 待派单: 产业新区 is not in the routing catalogue yet.
  await submit(r1, 'demo-seed-0001', {
    category: '求助',
    content: '安居小区到县城的公交停运了，老人看病出行很不方便，希望恢复班车。',
    regionId: 'com-anju',
  });
  // 已派单: through the 人社局 card.
  await submit(r2, 'demo-seed-0002', {
    category: '咨询',
    content: '灵活就业人员怎样在网上缴纳养老保险？需要带什么材料？',
    scene: 'c-renshe-01',
  });
  // 已签收
  const a = await submit(r1, 'demo-seed-0003', {
    category: '咨询',
    content: '养老金资格认证可以在手机上做吗？我不会操作。',
    scene: 'c-renshe-01',
  });
  await call(url, demo.DEMO.renshe, 'request', 'accept', v(await detail(r1, a)));
  // 已答复
  const b = await submit(r2, 'demo-seed-0004', {
    category: '投诉',
    content: '小区旁边工地夜里十一点后还在施工，噪音很大，影响休息。',
    scene: 'c-zhujian-01',
    confidential: true,
  });
  let d = await call(url, demo.DEMO.zhujian, 'request', 'accept', v(await detail(r2, b)));
  await call(url, demo.DEMO.zhujian, 'request', 'reply', {
    ...v(d),
    reply: '已责令施工单位夜间22点后停止作业，并安排夜间巡查，欢迎继续监督。',
  });
  // 已办结 (rated)
  const c = await submit(r1, 'demo-seed-0005', {
    category: '建议',
    content: '建议在河西村村口增设路灯，晚上出行太黑。',
    regionId: 'vil-hexi',
  });
  d = await call(url, demo.DEMO.chengguan, 'request', 'accept', v(await detail(r1, c)));
  d = await call(url, demo.DEMO.chengguan, 'request', 'reply', {
    ...v(d),
    reply: '镇里已将村口路灯列入本月亮化工程，预计12月中旬安装完成。',
  });
  await call(url, r1, 'request', 'rate', { ...v(d), resolved: true, score: 5, comment: '答复很及时，谢谢！' });
  // 已退单: 城关镇 says a water-supply matter is not theirs.
  const e = await submit(r2, 'demo-seed-0006', {
    category: '求助',
    content: '桃园村自来水这几天一直很浑浊，不敢喝，请帮忙看看。',
    regionId: 'vil-taoyuan',
  });
  d = await detail(r2, e);
  await call(url, demo.DEMO.chengguan, 'request', 'return', { ...v(d), reason: '供水水质属县水务公司职责，请改派县水务公司。' });
  // 已撤回
  const f = await submit(r1, 'demo-seed-0007', {
    category: '意见',
    content: '对村里低保评议结果有意见，想了解评议过程。',
    regionId: 'vil-hexi',
  });
  await call(url, r1, 'request', 'withdraw', { ...v(await detail(r1, f)), reason: '已经和村干部当面沟通清楚了' });

  // 阅批 (S4.1): two letters the 信访局 registered and sent to 县领导 陈建华 — a 重要来信 still waiting for his
  // 批示, and one he has instructed, which the 人社局 reads.
  const admin = demo.DEMO.admin;
  const { leaderKey } = await import('../server/meet');
  const letter = (clientId: string, content: string, contactName: string) =>
    call(url, admin, 'admin', 'register', {
      clientId,
      source: '来信',
      category: '求助',
      content,
      receivedAt: Date.now() - 2 * 86_400_000,
      contactName,
      unitId: 'unit-renshe',
      confidential: false,
    });
  const toLeader = (id: string, important: boolean, note?: string) =>
    call(url, admin, 'admin', 'toLeader', {
      id,
      version: 0,
      scope: 'county',
      leaderKey: leaderKey(demo.DEMO.leader1),
      important,
      ...(note ? { note } : {}),
    });
  const urgent = await letter('demo-seed-letter-1', '来信反映企业拖欠二十余名农民工工资近半年，多次讨要无果，请求领导关注。', '刘师傅');
  await toLeader(urgent.id, true, '涉及人数较多，请领导阅示');
  const plainLetter = await letter('demo-seed-letter-2', '来信反映养老保险待遇核定有误，请求重新核定。', '赵老汉');
  const sent = await toLeader(plainLetter.id, false);
  await call(url, demo.DEMO.leader1, 'request', 'instruct', { ...v(sent), instruction: '请县人社局认真核查，十五日内答复信访人。' });

  // 联合办理: the 信访局 gave a road collapse to the 住建局 to lead, with 城关镇 co-handling; 城关镇 sent its part.
  const joint = await submit(r2, 'demo-seed-joint-1', {
    category: '求助',
    content: '安居小区门前道路塌陷，雨天积水，旁边排水沟也堵了，请尽快处理。',
    regionId: 'com-anju',
  });
  const led = await call(url, admin, 'admin', 'dispatch', {
    ...v(await detail(r2, joint)),
    unitId: 'unit-zhujian',
    coUnitIds: ['unit-chengguan'],
    note: '道路归住建局，排水沟归城关镇，请联合办理',
  });
  await call(url, demo.DEMO.chengguan, 'request', 'coReply', { ...v(led), answer: '城关镇已组织人员疏通排水沟，并设置警示标志。' });

  // 党代表 (S9): a resident's opinion through 刘红梅's card, a visit of hers with an opinion heard there.
  const rep = demo.DEMO.repConvener;
  await call(url, r2, 'rep', 'send', {
    clientId: 'demo-seed-rep-0001',
    scene: demo.reps[0]!.scene,
    content: '河西村到镇上的路灯坏了好几盏，晚上接孩子放学不安全。',
    showIdentity: false,
    contactName: '陈大山',
  });
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const visit = await call(url, rep, 'rep', 'recordVisit', {
    clientId: 'demo-seed-rep-0002',
    date: today,
    place: '河西村三组',
    people: 6,
    note: '走访老党员和困难户',
  });
  await call(url, rep, 'rep', 'recordOpinion', {
    clientId: 'demo-seed-rep-0003',
    content: '村卫生室晚上没人值班，老人看病不方便。',
    visitId: visit.id,
    showIdentity: true,
  });

  // 党员志愿服务 (S6): 马春华 pairs with three residents (below the range: flagged), records a policy talk and files a 代办.
  const member = demo.DEMO.volunteer;
  const pairs = [];
  for (const [k, [name, address]] of [
    ['王桂兰', '河西村三组12号'],
    ['李德福', '河西村三组15号'],
    ['张秀梅', '河西村四组3号'],
  ].entries())
    pairs.push(await call(url, member, 'volunteer', 'addPair', { clientId: `demo-seed-vol-000${k}`, name, regionId: 'vil-hexi', address }));
  await call(url, member, 'volunteer', 'record', {
    clientId: 'demo-seed-vol-0010',
    pairId: pairs[0]!.id,
    kind: '政策宣传',
    date: today,
    content: '上门讲解城乡居民医保缴费政策和缴费渠道。',
  });
  await call(url, member, 'volunteer', 'onBehalf', {
    clientId: 'demo-seed-vol-0011',
    pairId: pairs[1]!.id,
    kind: '事务代办',
    category: '求助',
    content: '老人腿脚不便，代为申请高龄津贴，身份证和户口本复印件已收齐。',
    consent: '当面口头同意',
  });
  // A team by skill led by 马春华, 何志远 in it, and its activity on the proposed 党员志愿服务日 (S6.2, S6.3).
  const team = await call(url, demo.DEMO.admin, 'volunteer', 'createTeam', {
    clientId: 'demo-seed-vol-0020',
    name: '城关镇政策宣传志愿服务队',
    skill: '宣传教育',
    organizer: '县文明办',
    leaderScene: demo.volunteers[0]!.scene,
  });
  await call(url, demo.DEMO.volunteer2, 'volunteer', 'joinTeam', { teamId: team.id, version: team.version });
  const proposed = (await call(url, member, 'volunteer', 'team', { teamId: team.id })).proposedDate;
  await call(url, member, 'volunteer', 'planActivity', {
    clientId: 'demo-seed-vol-0021',
    teamId: team.id,
    title: '惠民政策进村入户宣讲',
    date: proposed,
    place: '河西村党群服务中心',
    capacity: 20,
  });
  // 报到 and posts (S6.3): 城关镇 sets two posts for 河西村; 马春华 registers there and holds one, the other is empty.
  const cadre = demo.DEMO.chengguan;
  const warden = await call(url, cadre, 'volunteer', 'createPost', {
    clientId: 'demo-seed-vol-0030',
    regionId: 'vil-hexi',
    title: '楼栋长',
    duty: '收集三组群众诉求，每月走访一次',
    slots: 1,
  });
  await call(url, cadre, 'volunteer', 'createPost', {
    clientId: 'demo-seed-vol-0031',
    regionId: 'vil-hexi',
    title: '政策宣传员',
    duty: '每月在村务公开栏宣讲惠民政策',
    slots: 2,
  });
  await call(url, member, 'volunteer', 'report', { regionId: 'vil-hexi', kind: '在职党员报到' });
  await call(url, member, 'volunteer', 'claimPost', { postId: warden.id });
}

/** 包案 (S4.5): the demo's key case, registered, given to a county leader, one duty ticked. */
async function seedCase(url: string): Promise<void> {
  const { leaderKey } = await import('../server/meet');
  const { letter, leader, note, ticked } = demo.demoCase;
  const admin = demo.DEMO.admin;
  const reg = await call(url, admin, 'admin', 'register', { ...letter, receivedAt: Date.now() - 3 * 86_400_000 });
  let c = await call(url, admin, 'meet', 'assignCase', { requestNo: reg.no, leaderKey: leaderKey(leader), note });
  for (const t of ticked)
    c = await call(url, leader, 'meet', 'tickDuty', { caseId: c.id, version: c.version, duty: t.duty, done: true, note: t.note });
}

/** Last year's survey (closed, results public) and this year's (open), made and answered through the functions, then tallied. */
async function seedSurveys(url: string): Promise<void> {
  const { questions, subjects, answers } = demo.demoSurveys;
  const admin = demo.DEMO.admin;
  const day = 86_400_000;
  const make = async (key: string, title: string, year: number, intro?: string) => {
    const d = await call(url, admin, 'survey', 'create', {
      clientId: `demo-survey-${key}`,
      title,
      ...(intro ? { intro } : {}),
      year,
      questions,
      subjects,
      opensAt: Date.now() - 7 * day,
      closesAt: Date.now() + 30 * day,
      minResponses: 5,
    });
    const open = await call(url, admin, 'survey', 'publish', { surveyId: d.id, version: d.version });
    for (let k = 0; k < answers.length; k += 1) {
      const items = [answers[k]!, answers[(k + 1) % answers.length]!].map(([s, a, b, text]) => ({
        subjectId: `s${s + 1}`,
        answers: [a, b, text],
      }));
      await call(url, `demo-survey-${key}-${k}`, 'survey', 'respond', { surveyId: open.id, items });
    }
    return open;
  };
  const last = await make('2025', demo.demoSurveys.lastYear.title, demo.demoSurveys.lastYear.year);
  const closed = await call(url, admin, 'survey', 'close', { surveyId: last.id, version: last.version });
  await call(url, admin, 'survey', 'publishResults', { surveyId: closed.id, version: closed.version, scope: 'public' });
  await make('2026', demo.demoSurveys.thisYear.title, demo.demoSurveys.thisYear.year, demo.demoSurveys.thisYear.intro);
  const { tallySurveys } = await import('../server/jobs/surveys');
  await tallySurveys({ now: Date.now(), until: Date.now() + 60_000 });
}

/** The 三问 consultation: 问需 voted on and answered, 问计 open with votes and comments; votes counted. */
async function seedConsult(url: string): Promise<void> {
  const c = demo.demoConsult;
  const admin = demo.DEMO.admin;
  let v = await call(url, admin, 'consult', 'create', {
    clientId: 'demo-consult-parking',
    title: c.title,
    background: c.background,
    phases: c.phases,
  });
  v = await call(url, admin, 'consult', 'openPhase', { consultId: v.id, version: v.version });
  const vote = (phase: number) =>
    Promise.all(
      c.votes
        .map(([p, option], k) => ({ p, option, k }))
        .filter((x) => x.p === phase)
        .map((x) => call(url, `demo-consult-voter-${x.k}`, 'consult', 'vote', { consultId: v.id, option: x.option })),
    );
  await vote(0);
  v = await call(url, admin, 'consult', 'closePhase', { consultId: v.id, version: v.version, summary: c.needAnswer });
  v = await call(url, admin, 'consult', 'openPhase', { consultId: v.id, version: v.version });
  await vote(1);
  for (const [k, text] of c.comments.entries())
    await call(url, `demo-consult-voter-${k}`, 'consult', 'comment', { consultId: v.id, clientId: `demo-consult-comment-${k}`, text });
  const { tallyVotes } = await import('../server/jobs/surveys');
  await tallyVotes({ until: Date.now() + 60_000 });
}
