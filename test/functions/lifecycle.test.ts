/**
 * The whole lifecycle through the real functions: the transition table enforced for every party,
 * compare-and-set under concurrency, and each rule of the chase's clock (extension, pause, 重办,
 * 信访 with 复查/复核, 并单).
 */
import type { RequestAction, RequestDetail, RequestStatus, Role } from '../../typings';
import { adminActions } from '../../server/actions/admin';
import { requestActions } from '../../server/actions/request';
import { TRANSITIONS } from '../../server/domain/lifecycle';
import { countyCalendar } from '../../server/domain/calendar';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, LEADER, R1, R2, RENSHE as HANDLER, RENSHE_HEAD as HEAD, ZHUJIAN as OTHER_UNIT } from '../helpers/demo';
import { leaderKey } from '../../server/meet';

/** The demo county enters no calendar days of its own: the package's schedule. */
const { deadline } = countyCalendar([]);

let cloud: TestCloud;
let n = 0;
useCloud((c) => (cloud = c));

const v = (d: { id: string; version: number }) => ({ id: d.id, version: d.version });
const clientId = () => `lifecycle-${(n += 1).toString().padStart(5, '0')}`;

async function submit(over: Record<string, unknown> = {}): Promise<RequestDetail> {
  const s = await cloud.ok(R1, 'request', 'submit', {
    clientId: clientId(),
    category: '咨询',
    content: '请问社保卡丢了怎么补办？',
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: true,
    contactName: '王秀英',
    contactPhone: '13800001234',
    ...over,
  });
  return cloud.ok(R1, 'request', 'detail', { id: s.id });
}

async function register(): Promise<RequestDetail> {
  const s = await cloud.ok(ADMIN, 'admin', 'register', {
    source: '来信',
    clientId: clientId(),
    category: '求助',
    content: '来信反映养老保险待遇核定有误，请求复核。',
    receivedAt: Date.now() - 3 * 86_400_000,
    contactName: '赵老汉',
    contactPhone: '13800007777',
    unitId: 'unit-renshe',
    confidential: false,
  });
  return cloud.ok(ADMIN, 'request', 'detail', { id: s.id });
}

/** A request brought to `status` by the people who would bring it there. */
async function bring(
  status: RequestStatus | 'asked' | 'paused' | 'xinfangReplied' | 'xinfangUnclaimed' | 'reviewing' | 'xinfangOpen' | 'withLeader' | 'joint',
): Promise<RequestDetail> {
  // 联合办理: the dispatcher gave it to the 人社局 to lead, with the 住建局 as co-handling unit.
  if (status === 'joint') {
    const d = await submit({ scene: undefined, regionId: 'com-anju' });
    return cloud.ok(ADMIN, 'admin', 'dispatch', { ...v(d), unitId: 'unit-renshe', coUnitIds: ['unit-zhujian'] });
  }
  if (status === 'submitted') return submit({ scene: undefined, regionId: 'com-anju' });
  if (status === 'xinfangOpen') return register();
  // 阅批: the 信访局 sent the registered letter to 陈建华 (a county leader).
  if (status === 'withLeader')
    return cloud.ok(ADMIN, 'admin', 'toLeader', { ...v(await register()), scope: 'county', leaderKey: leaderKey(LEADER), important: true });
  if (status === 'xinfangReplied' || status === 'xinfangUnclaimed' || status === 'reviewing') {
    let d = await register();
    // The petitioner (R1) claims it with the 受理告知's code; unclaimed, its answer goes by letter.
    if (status !== 'xinfangUnclaimed')
      d = await cloud.ok(R1, 'request', 'claim', { code: (await cloud.ok(ADMIN, 'admin', 'claimCode', { id: d.id })).code });
    d = await cloud.ok(HANDLER, 'request', 'accept', v(d));
    d = await cloud.ok(HANDLER, 'request', 'reply', { ...v(d), reply: '经核查，待遇核定符合规定，答复如下。' });
    if (status === 'reviewing') d = await cloud.ok(R1, 'request', 'reviewAsk', { ...v(d), reason: '信访人对答复不服，申请复查。' });
    return d;
  }
  let d = await submit();
  if (status === 'assigned') return d;
  if (status === 'returned') return cloud.ok(HANDLER, 'request', 'return', { ...v(d), reason: '不属于本单位职责范围' });
  d = await cloud.ok(HANDLER, 'request', 'accept', v(d));
  if (status === 'accepted') return d;
  if (status === 'asked') return cloud.ok(HANDLER, 'request', 'extendAsk', { ...v(d), days: 3, reason: '需要外省社保机构协查' });
  if (status === 'paused') return cloud.ok(HANDLER, 'request', 'pause', { ...v(d), reason: '等待群众补充材料' });
  d = await cloud.ok(HANDLER, 'request', 'reply', { ...v(d), reply: '请携带身份证到窗口补办，当场可取。' });
  if (status === 'replied') return d;
  d = await cloud.ok(R1, 'request', 'detail', { id: d.id });
  if (status === 'closed') return cloud.ok(R1, 'request', 'rate', { ...v(d), resolved: true, score: 4 });
  if (status === 'reopened') return cloud.ok(R1, 'request', 'rate', { ...v(d), resolved: false, score: 1, comment: '没解决' });
  throw new Error(`cannot bring a request to ${status}`);
}

/**
 * Where each action can be tried, and a valid input for it. 领导交办 (reroute) is no action of its own:
 * the leader's 接访事项纪要 makes it (meet.recordOutcome, test/functions/meet.test.ts).
 */
const SETUP: Record<
  Exclude<RequestAction, 'reroute'>,
  { from: Parameters<typeof bring>[0]; input: (d: RequestDetail) => Promise<Record<string, unknown>> | Record<string, unknown> }
> = {
  accept: { from: 'assigned', input: () => ({}) },
  reply: { from: 'accepted', input: () => ({ reply: '已为您办理完毕。' }) },
  return: { from: 'assigned', input: () => ({ reason: '不属于本单位职责' }) },
  transfer: { from: 'assigned', input: () => ({ unitId: 'unit-zhujian', reason: '属于住建局职责' }) },
  dispatch: { from: 'submitted', input: () => ({ unitId: 'unit-renshe' }) },
  reject: { from: 'assigned', input: () => ({ reason: '不属于行政机关职权范围' }) },
  merge: { from: 'assigned', input: async () => ({ intoId: (await submit()).id }) },
  withdraw: { from: 'assigned', input: () => ({}) },
  rate: { from: 'replied', input: () => ({ resolved: true, score: 5 }) },
  revisit: { from: 'replied', input: () => ({ note: '电话回访，已办好', satisfied: true }) },
  extendAsk: { from: 'accepted', input: () => ({ days: 3, reason: '需要外省协查' }) },
  extendDecide: { from: 'asked', input: () => ({ approve: true }) },
  pause: { from: 'accepted', input: () => ({ reason: '等待群众补充材料' }) },
  resume: { from: 'paused', input: () => ({}) },
  reviewAsk: { from: 'xinfangReplied', input: () => ({ reason: '对答复不服，申请复查' }) },
  reviewAnswer: { from: 'reviewing', input: () => ({ opinion: '经复查，维持原答复意见。' }) },
  deliver: { from: 'xinfangUnclaimed', input: () => ({ method: '邮寄', deliveredAt: Date.now() }) },
  toLeader: { from: 'xinfangOpen', input: () => ({ scope: 'county', leaderKey: leaderKey(LEADER), important: false, note: '请阅示' }) },
  instruct: { from: 'withLeader', input: () => ({ instruction: '请县人社局认真核查，限期答复信访人。' }) },
  coReply: { from: 'joint', input: () => ({ answer: '住建局已核查相关情况，意见如下。' }) },
};

/**
 * Each caller, and the parties they are to a request made by R1 through the 人社局 card (or registered
 * by the admin; `withLeader`: once the 信访局 sent it to 陈建华 for 阅批; `joint`: dispatched to the 人社局 with
 * the 住建局 co-handling).
 */
const CALLERS: { openid: string; roles: Role[]; parties: string[]; xinfang: string[]; withLeader?: string[]; joint?: string[] }[] = [
  { openid: R1, roles: ['resident'], parties: ['requester'], xinfang: ['requester'] },
  { openid: R2, roles: ['resident'], parties: [], xinfang: [] },
  { openid: HANDLER, roles: ['resident', 'cadre'], parties: ['handler'], xinfang: ['handler'] },
  { openid: HEAD, roles: ['resident', 'cadre'], parties: ['handler', 'unitHead'], xinfang: ['handler', 'unitHead'] },
  { openid: OTHER_UNIT, roles: ['resident', 'cadre'], parties: [], xinfang: [], joint: ['coHandler'] },
  // The registering admin is not the petitioner (issue 9 item 4): the dispatcher only.
  { openid: ADMIN, roles: ['resident', 'admin'], parties: ['dispatcher'], xinfang: ['dispatcher'] },
  // A county leader is a party only to the letters sent to them.
  { openid: LEADER, roles: ['resident', 'cadre'], parties: [], xinfang: [], withLeader: ['leader'] },
];

describe('the transition table, enforced for every party', () => {
  const actions = (Object.keys(TRANSITIONS) as RequestAction[]).filter((a): a is keyof typeof SETUP => a !== 'reroute');
  it.each(actions)('%s', async (action) => {
    const fn = action in adminActions ? 'admin' : 'request';
    for (const caller of CALLERS) {
      const d = await bring(SETUP[action].from);
      const from = SETUP[action].from;
      const xinfang = ['xinfangReplied', 'xinfangUnclaimed', 'reviewing', 'xinfangOpen', 'withLeader'].includes(from);
      const parties =
        from === 'withLeader'
          ? (caller.withLeader ?? caller.xinfang)
          : from === 'joint'
            ? (caller.joint ?? caller.parties)
            : xinfang
              ? caller.xinfang
              : caller.parties;
      // A request in the dispatch queue has no unit: only the requester and the dispatcher see it.
      const sees = SETUP[action].from === 'submitted' ? parties.filter((p) => p === 'requester' || p === 'dispatcher') : parties;
      const allowed = TRANSITIONS[action].by.some((p) => sees.includes(p));
      const res = await cloud.raw(caller.openid, fn, { action, ...v(d), ...(await SETUP[action].input(d)) });
      // The action's roles are checked first, then whether the caller may see the request at all.
      const table = (fn === 'admin' ? adminActions : requestActions) as unknown as Record<string, { roles: readonly Role[] }>;
      const roleOk = table[action]!.roles.some((r) => caller.roles.includes(r));
      const expected = !roleOk ? 'FORBIDDEN' : allowed ? 'ok' : sees.length === 0 ? 'NOT_FOUND' : 'FORBIDDEN';
      expect([caller.openid, res.ok ? 'ok' : res.error.code]).toEqual([caller.openid, expected]);
      if (res.ok) {
        const after = res.data as RequestDetail;
        expect(after.version).toBe(d.version + 1);
        expect(after.timeline.length).toBeGreaterThan(d.timeline.length);
        expect(after.timeline[d.timeline.length]!.type).toBe(TRANSITIONS[action].event);
      }
    }
  });
});

describe('compare-and-set', () => {
  it('lets exactly one of two concurrent transitions win, with one audit event', async () => {
    const d = await bring('accepted');
    const [a, b] = await Promise.all([
      cloud.raw(HANDLER, 'request', { action: 'reply', ...v(d), reply: '答复甲：已办理完毕。' }),
      cloud.raw(HEAD, 'request', { action: 'reply', ...v(d), reply: '答复乙：已办理完毕。' }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const loser = (a.ok ? b : a) as { ok: false; error: { code: string } };
    expect(loser.error.code).toBe('CONFLICT');
    const after = await cloud.ok(R1, 'request', 'detail', { id: d.id });
    expect(after.timeline.filter((t) => t.type === 'reply')).toHaveLength(1);
    expect(after.version).toBe(d.version + 1);
  });
});

describe('the clock', () => {
  it('延期: asked once by the handler, approved by the unit head, moves the answer deadline by the days asked', async () => {
    const asked = await bring('asked');
    expect(asked.extension).toEqual({ state: 'asked', days: 3, reason: '需要外省社保机构协查' });
    const again = await cloud.call(HANDLER, 'request', 'extendAsk', { ...v(asked), days: 2, reason: '再延期两天可以吗' });
    expect(again.ok ? 'ok' : again.error.message).toBe('每件诉求只能申请一次延期');
    const notHead = await cloud.call(HANDLER, 'request', 'extendDecide', { ...v(asked), approve: true });
    expect(notHead.ok ? 'ok' : notHead.error.code).toBe('FORBIDDEN');
    const approved = await cloud.ok(HEAD, 'request', 'extendDecide', { ...v(asked), approve: true });
    expect(approved.answerDueAt).toBe(deadline(asked.answerDueAt, { unit: 'workingDays', n: 3 }));
    expect(approved.timeline.at(-1)!.note).toContain('需要外省社保机构协查'); // the reason, shown to the petitioner
    const mine = await cloud.ok(R1, 'request', 'detail', { id: asked.id });
    expect(mine.extension?.state).toBe('approved');
  });

  it('refuses an extension longer than the policy allows', async () => {
    const d = await bring('accepted');
    const res = await cloud.call(HANDLER, 'request', 'extendAsk', { ...v(d), days: 30, reason: '需要很长时间协调' });
    expect(res.ok ? 'ok' : res.error.message).toBe('延期不能超过8个工作日');
  });

  it('counts an hour-based policy’s extension in whole days (紧急: 24 小时 → 1 日)', async () => {
    let d = await submit({ urgency: 'urgent' });
    d = await cloud.ok(HANDLER, 'request', 'accept', v(d));
    const tooLong = await cloud.call(HANDLER, 'request', 'extendAsk', { ...v(d), days: 2, reason: '需要两天协调' });
    expect(tooLong.ok ? 'ok' : tooLong.error.message).toBe('延期不能超过1日');
    d = await cloud.ok(HANDLER, 'request', 'extendAsk', { ...v(d), days: 1, reason: '需要一天协调' });
    const approved = await cloud.ok(HEAD, 'request', 'extendDecide', { ...v(d), approve: true });
    expect(approved.answerDueAt - d.answerDueAt).toBe(86_400_000);
  });

  it('暂停: a paused clock binds nothing; resuming on the same day moves nothing', async () => {
    const paused = await bring('paused');
    expect(paused.paused).toBe(true);
    const list = await cloud.ok(HANDLER, 'request', 'inbox', { box: 'todo' });
    expect(list.items.find((i) => i.id === paused.id)?.overdue).toBe(false);
    const resumed = await cloud.ok(HANDLER, 'request', 'resume', v(paused));
    expect(resumed.paused).toBe(false);
    expect(resumed.answerDueAt).toBe(paused.answerDueAt);
  });

  it('重办: a 差评 reopens the request with the 15-working-day follow-up, and the unit answers again', async () => {
    const reopened = await bring('reopened');
    expect(reopened.status).toBe('reopened');
    expect(reopened.timeline.slice(-2).map((t) => t.type)).toEqual(['rate', 'reopen']);
    const rateAt = reopened.timeline.at(-1)!.at;
    expect(reopened.answerDueAt).toBe(deadline(rateAt, { unit: 'workingDays', n: 15 }));
    const todo = await cloud.ok(HANDLER, 'request', 'inbox', { box: 'todo' });
    expect(todo.items.map((i) => i.id)).toContain(reopened.id);
    const visit = await cloud.ok(HANDLER, 'request', 'revisit', {
      ...v(await cloud.ok(HANDLER, 'request', 'detail', { id: reopened.id })),
      note: '上门了解情况',
      satisfied: false,
    });
    const again = await cloud.ok(HANDLER, 'request', 'reply', { ...v(visit), reply: '已为您重新办理并送达新卡。' });
    expect(again.status).toBe('replied');
  });

  it('信访: 60 days from acceptance, 复查 within 30 days, then 复核 once', async () => {
    const registered = await register();
    // The petitioner (R1) claims it with the 受理告知's code: only they may ask for 复查/复核.
    const reg = await cloud.ok(R1, 'request', 'claim', { code: (await cloud.ok(ADMIN, 'admin', 'claimCode', { id: registered.id })).code });
    expect(reg.channel).toBe('信访');
    expect(reg.source).toBe('来信');
    expect(reg.policyLabel).toContain('60日');
    const accepted = await cloud.ok(HANDLER, 'request', 'accept', v(reg));
    const acceptAt = accepted.timeline.at(-1)!.at;
    expect(accepted.answerDueAt).toBe(deadline(acceptAt, { unit: 'days', n: 60 }));
    const replied = await cloud.ok(HANDLER, 'request', 'reply', { ...v(accepted), reply: '经核查，待遇核定符合规定。' });
    expect(replied.review?.askDueAt).toBe(deadline(replied.repliedAt!, { unit: 'days', n: 30 }));
    let d = await cloud.ok(R1, 'request', 'reviewAsk', { ...v(replied), reason: '申请复查，认为核定有误' });
    expect(d.status).toBe('reviewing');
    expect(d.review?.level).toBe(1);
    d = await cloud.ok(ADMIN, 'admin', 'reviewAnswer', { ...v(d), opinion: '经复查，维持原答复。' });
    expect(d.status).toBe('closed');
    d = await cloud.ok(R1, 'request', 'reviewAsk', { ...v(d), reason: '对复查意见不服，申请复核' });
    expect(d.review?.level).toBe(2);
    d = await cloud.ok(ADMIN, 'admin', 'reviewAnswer', { ...v(d), opinion: '经复核，维持复查意见。' });
    const third = await cloud.call(R1, 'request', 'reviewAsk', { ...v(d), reason: '还想再申请一次' });
    expect(third.ok ? 'ok' : third.error.code).toBe('CONFLICT');
  });

  it('诉求 has no 复查: the action is not offered', async () => {
    const d = await bring('replied');
    const mine = await cloud.ok(R1, 'request', 'detail', { id: d.id });
    expect(mine.can).toEqual(['rate']);
  });
});

describe('并单', () => {
  it('suggests likely duplicates, merges one into the other, and keeps both requesters informed', async () => {
    const first = await submit({ content: '社保卡丢失，想补办，请问流程？' });
    const s2 = await cloud.ok(R2, 'request', 'submit', {
      clientId: clientId(),
      category: '咨询',
      content: '社保卡丢了，怎么补办？',
      scene: 'c-renshe-01',
      confidential: false,
      mayContact: false,
    });
    const dupes = await cloud.ok(HANDLER, 'request', 'duplicates', { id: s2.id });
    expect(dupes.map((d) => d.id)).toContain(first.id);
    const second = await cloud.ok(HANDLER, 'request', 'detail', { id: s2.id });
    const merged = await cloud.ok(HANDLER, 'request', 'merge', { ...v(second), intoId: first.id, note: '同一事项' });
    expect(merged.status).toBe('merged');
    expect(merged.mergedInto).toBe(first.id);
    // R2 now follows the surviving request and sees its progress.
    const followed = await cloud.ok(R2, 'request', 'detail', { id: first.id });
    expect(followed.timeline.at(-1)!.type).toBe('absorb');
    const self = await cloud.call(HANDLER, 'request', 'merge', {
      ...v(await cloud.ok(HANDLER, 'request', 'detail', { id: first.id })),
      intoId: first.id,
    });
    expect(self.ok ? 'ok' : self.error.code).toBe('INVALID_INPUT');
  });
});

describe('policies are data', () => {
  it('an admin edit applies to new requests, never to existing ones', async () => {
    const before = await submit();
    const [general] = (await cloud.ok(ADMIN, 'admin', 'policies', {})).filter((p) => p.key === '诉求/*/normal');
    const { key: _key, ...edit } = general!;
    await cloud.ok(ADMIN, 'admin', 'updatePolicy', { ...edit, finish: { unit: 'workingDays', n: 5 }, label: '一般诉求：5个工作日内答复' });
    const forbidden = await cloud.call(HANDLER, 'admin', 'updatePolicy', { ...edit });
    expect(forbidden.ok ? 'ok' : forbidden.error.code).toBe('FORBIDDEN');
    const unchanged = await cloud.ok(R1, 'request', 'detail', { id: before.id });
    expect(unchanged.policyLabel).toBe(general!.label);
    await cloud.ok(ADMIN, 'admin', 'updatePolicy', edit); // restore for the other tests
  });
});
