/**
 * Issue 16 (S6 党员志愿服务) through the real functions: a member's 党群连心服务卡 and code; pairing
 * within the county's range (10–20, from settings), refused past the top even by a burst of
 * concurrent adds, flagged outside it; the five duties in the minute; 反馈民意 and 代办 entering the
 * request flow with the resident's consent, claimed by the resident and followed as their own
 * through the unit's answer; nobody but the member learns who the paired residents are.
 */
import type { DutyView, PairView, RequestDetail } from '../../typings';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, R2 } from '../helpers/demo';
import { DEMO } from '../../scripts/demo-county';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

const MEMBER = DEMO.volunteer;
const OTHER = DEMO.volunteer2;
const SCENE = 'v-machunhua';
let seq = 0;
const cid = (p: string) => `${p}-${(seq += 1).toString().padStart(5, '0')}`;
const code = (e: { ok: boolean; error?: { code: string; message?: string } }) => (e.ok ? 'OK' : e.error!.code);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const dump = async () => (await cloud.dump()) as { collections: Record<string, Record<string, unknown>[]> };
const pairInput = (name: string, extra: Record<string, unknown> = {}) => ({
  clientId: cid('pair'),
  name,
  regionId: 'vil-hexi',
  address: `河西村三组${seq}号`,
  ...extra,
});
/** Adds residents to a member until they have `n` active pairs. */
async function pairUp(member: string, n: number): Promise<PairView[]> {
  const have = (await cloud.ok(member, 'volunteer', 'home', {})).pairs.active;
  const made: PairView[] = [];
  for (let i = have; i < n; i += 1) made.push(await cloud.ok(member, 'volunteer', 'addPair', pairInput(`群众${i}`)));
  return made;
}

test('the card is public, its code opens the card page; the member’s home says where she stands', async () => {
  const card = await cloud.ok(R1, 'volunteer', 'card', { scene: SCENE });
  expect(card).toEqual({
    scene: SCENE,
    name: '马春华',
    branch: '城关镇河西村党支部',
    phone: '0000-6620301',
    intro: expect.stringContaining('退休教师') as string,
    duties: ['反馈民意', '调解纠纷', '帮困扶弱', '政策宣传', '事务代办'],
  });
  expect(code(await cloud.call(R1, 'volunteer', 'card', { scene: 'v-nobody-here' }))).toBe('NOT_FOUND');
  const qr = await cloud.ok(MEMBER, 'volunteer', 'cardCode', {});
  expect(qr.scene).toBe(SCENE);
  expect(qr.image).toMatch(/^data:image\/png;base64,/);
  const home = await cloud.ok(MEMBER, 'volunteer', 'home', {});
  expect(home.pairs).toEqual({ active: 0, min: 10, max: 20, flag: 'below' });
  expect(home.duties).toEqual({ 反馈民意: 0, 调解纠纷: 0, 帮困扶弱: 0, 政策宣传: 0, 事务代办: 0 });
});

test('pairs: 10–20 from settings; flagged below, refused past 20 even by a burst of 20 concurrent adds; ended, never deleted', async () => {
  const first = await cloud.ok(MEMBER, 'volunteer', 'addPair', pairInput('王桂兰', { phone: '13800001111', note: '独居老人' }));
  expect(first).toMatchObject({ name: '王桂兰', phone: '138****1111', regionName: '河西村', status: 'active', duties: 0 });
  // a retry of the same add is the same pair, counted once
  const again = await cloud.call(MEMBER, 'volunteer', 'addPair', {
    clientId: (await dump()).collections.vol_pairs!.find((p) => p._id === first.id)!.clientId as string,
    name: '王桂兰',
    regionId: 'vil-hexi',
    address: '河西村三组',
  });
  expect(again.ok && again.data.id).toBe(first.id);
  expect((await cloud.ok(MEMBER, 'volunteer', 'home', {})).pairs.active).toBe(1);
  // a town is not where a resident lives
  const town = await cloud.call(MEMBER, 'volunteer', 'addPair', pairInput('李四', { regionId: 'town-chengguan' }));
  expect(town).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请选择群众所在的村（社区）' } });

  await pairUp(MEMBER, 9);
  expect((await cloud.ok(MEMBER, 'volunteer', 'home', {})).pairs).toMatchObject({ active: 9, flag: 'below' });
  await pairUp(MEMBER, 15);
  expect((await cloud.ok(MEMBER, 'volunteer', 'home', {})).pairs).toMatchObject({ active: 15, flag: null });

  // 20 different residents at once, 5 places left: never more than 20, each refusal clear, nothing half-written
  const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => cloud.call(MEMBER, 'volunteer', 'addPair', pairInput(`并发${i}`))));
  const d = await dump();
  const mine = d.collections.vol_pairs!.filter((p) => p.memberId === MEMBER && p.status === 'active');
  const member = d.collections.volunteers!.find((v) => v._id === MEMBER)!;
  expect(mine.length).toBeLessThanOrEqual(20);
  expect(member.pairs).toBe(mine.length);
  expect(burst.filter((r) => r.ok)).toHaveLength(mine.length - 15);
  for (const r of burst.filter((x) => !x.ok)) expect(code(r)).toBe('CONFLICT');
  await pairUp(MEMBER, 20);
  const over = await cloud.call(MEMBER, 'volunteer', 'addPair', pairInput('第二十一户'));
  expect(over).toEqual({ ok: false, error: { code: 'CONFLICT', message: '每名党员结对群众不超过20户，请先解除一户再添加' } });
  expect((await cloud.ok(MEMBER, 'volunteer', 'home', {})).pairs).toEqual({ active: 20, min: 10, max: 20, flag: null });

  // ended with a reason, kept: the count drops, the pair and its events stay
  const pairs = (await cloud.ok(MEMBER, 'volunteer', 'pairs', {})).items;
  expect(pairs).toHaveLength(20);
  const gone = pairs.find((p) => p.id === first.id)!;
  const ended = await cloud.ok(MEMBER, 'volunteer', 'endPair', { pairId: gone.id, version: gone.version, reason: '搬到县城女儿家' });
  expect(ended.status).toBe('ended');
  expect(code(await cloud.call(MEMBER, 'volunteer', 'endPair', { pairId: gone.id, version: gone.version, reason: '重复' }))).toBe(
    'CONFLICT',
  );
  expect((await cloud.ok(MEMBER, 'volunteer', 'home', {})).pairs.active).toBe(19);
  const kept = (await dump()).collections.vol_pairs!.find((p) => p._id === first.id)!;
  expect(kept).toMatchObject({ status: 'ended', name: '王桂兰' });
  expect((kept.events as { type: string; note: string }[]).map((e) => [e.type, e.note])).toEqual([
    ['pair', null],
    ['end', '搬到县城女儿家'],
  ]);

  // a lowered range (data, not code) flags a member above it
  const { db } = await import('../../server/db');
  await db
    .collection('settings')
    .doc('volTargets')
    .set({ data: { pairMin: 5, pairMax: 15, teamActivitiesPerYear: 6, volunteerActivitiesPerYear: 2 } });
  try {
    expect((await cloud.ok(MEMBER, 'volunteer', 'home', {})).pairs).toEqual({ active: 19, min: 5, max: 15, flag: 'above' });
    const figures = await cloud.ok(ADMIN, 'volunteer', 'figures', { year: Number(today().slice(0, 4)) });
    expect(figures.members.map((m) => [m.name, m.pairs.active, m.pairs.flag])).toEqual([
      ['何志远', 0, 'below'],
      ['马春华', 19, 'above'],
    ]);
  } finally {
    await db
      .collection('settings')
      .doc('volTargets')
      .set({ data: { pairMin: 10, pairMax: 20, teamActivitiesPerYear: 6, volunteerActivitiesPerYear: 2 } });
  }
});

test('the minute: three duties recorded (调解 with its outcome), each counted once with the year and the pair', async () => {
  const pair = (await cloud.ok(MEMBER, 'volunteer', 'pairs', {})).items.find((p) => p.status === 'active')!;
  const base = { pairId: pair.id, date: today() };
  const mediation = {
    ...base,
    clientId: cid('duty'),
    kind: '调解纠纷' as const,
    content: '调解王家和邻居的宅基地界线纠纷',
    outcome: '调解成功' as const,
  };
  const a = await cloud.ok(MEMBER, 'volunteer', 'record', mediation);
  expect(a).toMatchObject({ kind: '调解纠纷', outcome: '调解成功', residentName: pair.name, request: null, consent: null });
  expect((await cloud.ok(MEMBER, 'volunteer', 'record', mediation)).id).toBe(a.id);
  await cloud.ok(MEMBER, 'volunteer', 'record', { ...base, clientId: cid('duty'), kind: '帮困扶弱', content: '帮独居老人买药、打扫院子' });
  await cloud.ok(MEMBER, 'volunteer', 'record', {
    ...base,
    clientId: cid('duty'),
    kind: '政策宣传',
    content: '讲解城乡居民医保缴费政策，电话13800002222',
  });
  // 调解 needs its outcome, the others none; no future date; another member's pair does not exist for her
  const bad = await cloud.call(MEMBER, 'volunteer', 'record', {
    ...base,
    clientId: cid('duty'),
    kind: '调解纠纷',
    content: '调解邻里噪音纠纷',
  });
  expect(bad).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '调解纠纷须选择调解结果，其他服务不填' } });
  const future = await cloud.call(MEMBER, 'volunteer', 'record', {
    ...base,
    clientId: cid('duty'),
    kind: '政策宣传',
    content: '讲解惠农补贴政策',
    date: '2099-01-01',
  });
  expect(code(future)).toBe('INVALID_INPUT');
  expect(
    code(await cloud.call(OTHER, 'volunteer', 'record', { ...base, clientId: cid('duty'), kind: '政策宣传', content: '讲解惠农补贴政策' })),
  ).toBe('NOT_FOUND');
  expect(code(await cloud.call(OTHER, 'volunteer', 'duties', { pairId: pair.id }))).toBe('NOT_FOUND');

  const home = await cloud.ok(MEMBER, 'volunteer', 'home', {});
  expect(home.duties).toEqual({ 反馈民意: 0, 调解纠纷: 1, 帮困扶弱: 1, 政策宣传: 1, 事务代办: 0 });
  const minute = (await cloud.ok(MEMBER, 'volunteer', 'duties', { pairId: pair.id })).items;
  expect(minute.map((x) => x.kind)).toEqual(['政策宣传', '帮困扶弱', '调解纠纷']);
  expect(minute[0]!.content).toBe('讲解城乡居民医保缴费政策，电话138****2222');
  expect((await cloud.ok(MEMBER, 'volunteer', 'pairs', {})).items.find((p) => p.id === pair.id)!.duties).toBe(3);
});

test('代办 and 反馈民意: requests on the resident’s behalf with consent; the resident claims and follows them; nobody else learns who they are', async () => {
  const pair = await cloud.ok(OTHER, 'volunteer', 'addPair', {
    clientId: cid('pair'),
    name: '陈大山',
    phone: '13800005678',
    regionId: 'com-xingfu',
    address: '幸福社区7栋301',
  });
  // consent is required, and says how it was given
  const noConsent = await cloud.raw(OTHER, 'volunteer', {
    action: 'onBehalf',
    clientId: cid('ob'),
    pairId: pair.id,
    kind: '事务代办',
    category: '求助',
    content: '代为申请残疾人两项补贴',
  });
  expect(noConsent).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请确认群众同意由您代为反映或办理，并选择同意方式' } });
  const errand = {
    clientId: cid('ob'),
    pairId: pair.id,
    kind: '事务代办' as const,
    category: '求助' as const,
    content: '代为申请残疾人两项补贴，材料已收齐',
    consent: '书面签字同意' as const,
  };
  const duty: DutyView = await cloud.ok(OTHER, 'volunteer', 'onBehalf', errand);
  expect(duty).toMatchObject({ kind: '事务代办', consent: '书面签字同意', residentName: '陈大山' });
  expect(duty.request).toMatchObject({ status: 'assigned', unitName: '东城街道办事处', claimed: false, reply: null });
  const claimCode = duty.request!.claimCode!;
  expect(claimCode).toMatch(/^[2-9A-Z]{8}$/);
  // a retry is the same entry and the same request
  expect((await cloud.ok(OTHER, 'volunteer', 'onBehalf', errand)).id).toBe(duty.id);
  const stored = (await dump()).collections.requests!.filter(
    (r) => (r.onBehalf as { memberName?: string } | undefined)?.memberName === '何志远',
  );
  expect(stored).toHaveLength(1);
  const req = stored[0]!;
  expect(req).toMatchObject({
    requesterId: null,
    channel: '诉求',
    contactName: '陈大山',
    contactPhone: '13800005678',
    onBehalf: { memberName: '何志远', kind: '事务代办', consent: '书面签字同意' },
  });
  expect((req.events as { note: string; actorRole: string }[])[0]).toMatchObject({
    actorRole: 'volunteer',
    note: '党员何志远事务代办（群众书面签字同意）；已派至东城街道办事处',
  });

  // the handling unit sees a masked resident; the member is no party to the request itself
  const id = req._id as string;
  const unitCadre = await unitCadreOf('unit-dongcheng');
  const seen = await cloud.ok(unitCadre, 'request', 'detail', { id });
  expect(JSON.stringify(seen)).not.toContain('13800005678');
  expect(JSON.stringify(seen)).not.toContain('陈大山');
  expect(code(await cloud.call(OTHER, 'request', 'detail', { id }))).toBe('NOT_FOUND');
  expect(code(await cloud.call(R1, 'request', 'detail', { id }))).toBe('NOT_FOUND');

  // the resident claims it with the member's code and follows it as their own
  const claimed: RequestDetail = await cloud.ok(R2, 'request', 'claim', { code: claimCode });
  expect(claimed.id).toBe(id);
  expect((await cloud.ok(R2, 'request', 'mine', {})).items.map((r) => r.id)).toContain(id);
  expect(code(await cloud.call(R1, 'request', 'claim', { code: claimCode }))).toBe('CONFLICT');
  const after = (await cloud.ok(OTHER, 'volunteer', 'duties', {})).items.find((x) => x.id === duty.id)!;
  expect(after.request).toMatchObject({ claimed: true, claimCode: null });

  // 反馈民意 goes the same way, routed by where the resident lives
  const opinion = await cloud.ok(OTHER, 'volunteer', 'onBehalf', {
    clientId: cid('ob'),
    pairId: pair.id,
    kind: '反馈民意',
    category: '建议',
    content: '小区门口路口没有红绿灯，老人过马路危险',
    consent: '当面口头同意',
  });
  expect(opinion.request).toMatchObject({ status: 'assigned', unitName: '东城街道办事处' });
  const home = await cloud.ok(OTHER, 'volunteer', 'home', {});
  expect(home.duties).toMatchObject({ 反馈民意: 1, 事务代办: 1 });

  // the unit answers; the resident reads it as their own, the member reads the state in the minute
  const d0 = await cloud.ok(unitCadre, 'request', 'detail', { id });
  const accepted = await cloud.ok(unitCadre, 'request', 'accept', { id, version: d0.version });
  await cloud.ok(unitCadre, 'request', 'reply', { id, version: accepted.version, reply: '补贴已审核通过，下月起发放。' });
  expect((await cloud.ok(R2, 'request', 'detail', { id })).status).toBe('replied');
  const minute = (await cloud.ok(OTHER, 'volunteer', 'duties', { pairId: pair.id })).items;
  expect(minute.find((x) => x.id === duty.id)!.request).toMatchObject({ status: 'replied', reply: '补贴已审核通过，下月起发放。' });

  // nobody but the member reads who the pairs are: not another member, not the admin, not the card
  const everyoneElse = [
    await cloud.call(MEMBER, 'volunteer', 'pairs', {}),
    await cloud.call(MEMBER, 'volunteer', 'duties', {}),
    await cloud.call(ADMIN, 'volunteer', 'figures', { year: Number(today().slice(0, 4)) }),
    await cloud.call(R1, 'volunteer', 'card', { scene: 'v-hezhiyuan' }),
    await cloud.call(CHENGGUAN, 'volunteer', 'pairs', {}),
  ];
  for (const answer of everyoneElse) {
    expect(JSON.stringify(answer)).not.toContain('陈大山');
    expect(JSON.stringify(answer)).not.toContain('7栋301');
  }
});

/** A cadre of the unit, invited and bound as any cadre is. */
async function unitCadreOf(unitId: string): Promise<string> {
  const invite = await cloud.ok(ADMIN, 'admin', 'createInvite', { unitId, level: '包村(居)干部' });
  const openid = `vol-test-cadre-${unitId}`;
  await cloud.ok(openid, 'user', 'bindInvite', { code: invite.code, name: '街道干部' });
  return openid;
}
