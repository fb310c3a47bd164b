/**
 * Issue 13 (S9 党代表联系群众) through the real functions: the whole chain as one story — a resident
 * scans a representative's card and sends an opinion; the representative records two more on a
 * visit; the convener compiles the three into a 建议; the 党代表联络办 forwards it to two units;
 * both answer on the request lifecycle; the three constituents are told (subscription message and
 * their own list). Then the rules (who sees what, nothing deleted), group activities, and the
 * yearly figures over seeded data, with targets read from settings.
 */
import type { ProposalDetail, RequestDetail } from '../../typings';
import { loadDirectory } from '../../server/directoryCache';
import { chase as chaseJob } from '../../server/jobs/chase';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, R2, RENSHE } from '../helpers/demo';
import { tapPanel } from '../helpers/subscribe';
import { DEMO } from '../../scripts/demo-county';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

const CONVENER = DEMO.repConvener;
const MEMBER = DEMO.repMember;
/** A third constituent, on the app but in no demo list. */
const R3 = 'rep-test-resident-3';
const SCENE = 'r-liuhongmei';
let seq = 0;
const cid = (p: string) => `${p}-${(seq += 1).toString().padStart(5, '0')}`;
const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const dump = async () => (await cloud.dump()) as { collections: Record<string, Record<string, unknown>[]> };
const messages = async () =>
  (
    (await (await fetch(`${cloud.url}/dev/messages`)).json()) as {
      messages: { data: { touser: string; page: string; data: Record<string, { value: string }> } }[];
    }
  ).messages.map((m) => m.data);
const runTimer = () => cloud.raw(null, 'timer', { Type: 'Timer', TriggerName: 'chase', Time: new Date().toISOString() });
const v = (d: { id: string; version: number }) => ({ id: d.id, version: d.version });

test('the whole chain: card → opinions → 建议 → two units → answers → constituents told', async () => {
  let proposal: ProposalDetail;

  // a resident scans the representative’s card and sends an opinion, keeping their identity to her
  const card = await cloud.ok(R1, 'rep', 'card', { scene: SCENE });
  expect(card).toMatchObject({ name: '刘红梅', title: '县党代表', phone: '0000-6620101', groupName: '城关镇党代表联络组' });
  expect(code(await cloud.call(R1, 'rep', 'card', { scene: 'r-nobody-here' }))).toBe('NOT_FOUND');

  const input = {
    clientId: cid('send'),
    scene: SCENE,
    content: '河西村到镇上的路灯坏了一个多月，晚上接孩子不安全，电话13800001234',
    showIdentity: false,
    contactName: '王秀英',
    contactPhone: '13800001234',
  };
  const sent = await cloud.ok(R1, 'rep', 'send', input);
  expect(sent).toMatchObject({ status: 'open', via: 'card', repName: '刘红梅', constituent: null, claimCode: null });
  // a retry of the same send is the same opinion, counted once
  expect((await cloud.ok(R1, 'rep', 'send', input)).id).toBe(sent.id);
  expect((await cloud.ok(R1, 'rep', 'myOpinions', {})).items.map((o) => o.id)).toEqual([sent.id]);

  // the representative records a visit and two opinions heard there; the constituents claim them with her codes
  const visit = await cloud.ok(CONVENER, 'rep', 'recordVisit', {
    clientId: cid('visit'),
    date: today(),
    place: '河西村三组',
    people: 2,
    note: '入户走访两户',
  });
  const a = await cloud.ok(CONVENER, 'rep', 'recordOpinion', {
    clientId: cid('rec'),
    content: '村里老人多，希望路灯修好后加装一盏在桥头',
    visitId: visit.id,
    showIdentity: true,
    contactName: '陈大山',
    contactPhone: '13800005678',
  });
  const b = await cloud.ok(CONVENER, 'rep', 'recordOpinion', {
    clientId: cid('rec'),
    content: '夜间照明不好，村民跌倒过两次，请尽快解决',
    visitId: visit.id,
    showIdentity: false,
    contactName: '欧阳保密',
  });
  expect(a.claimCode).toMatch(/^[2-9A-Z]{8}$/);
  expect(a.constituent).toEqual({ name: '陈大山', phone: '138****5678' });
  expect(b.constituent).toEqual({ name: '欧阳保密', phone: '未留电话' });
  // another representative's visit is not something to record an opinion against
  const foreign = await cloud.call(MEMBER, 'rep', 'recordOpinion', {
    clientId: cid('rec'),
    content: '借用别人的走访记录试试看',
    visitId: visit.id,
    showIdentity: true,
  });
  expect(code(foreign)).toBe('INVALID_INPUT');

  const ca = await cloud.ok(R2, 'rep', 'claimOpinion', { code: a.claimCode!.toLowerCase() });
  const cb = await cloud.ok(R3, 'rep', 'claimOpinion', { code: b.claimCode! });
  expect([ca.id, cb.id]).toEqual([a.id, b.id]);
  expect(code(await cloud.call(R1, 'rep', 'claimOpinion', { code: a.claimCode! }))).toBe('CONFLICT');
  expect(code(await cloud.call(R1, 'rep', 'claimOpinion', { code: 'ZZZZZZZZ' }))).toBe('NOT_FOUND');
  const fromVisit = [ca, cb];

  // a representative sees only the opinions she recorded or was sent; a constituent’s identity stays with her
  const mine = await cloud.ok(CONVENER, 'rep', 'opinions', {});
  expect(mine.items.map((o) => o.id).sort()).toEqual([sent.id, ...fromVisit.map((o) => o.id)].sort());
  const hers = mine.items.find((o) => o.id === sent.id)!;
  expect(hers.constituent).toEqual({ name: '王秀英', phone: '138****1234' });
  expect(hers.content).toContain('138****1234');
  expect(JSON.stringify(mine)).not.toContain('13800001234');
  // the other representative of the group sees none of them, and has nothing to compile
  expect((await cloud.ok(MEMBER, 'rep', 'opinions', {})).items).toEqual([]);
  expect(await cloud.ok(MEMBER, 'rep', 'group', {})).toMatchObject({ isConvener: false, open: [] });
  // residents, cadres and the office have no representative's desk
  for (const who of [R1, RENSHE, ADMIN]) expect(code(await cloud.call(who, 'rep', 'opinions', {}))).toBe('FORBIDDEN');

  // the convener compiles the three into a 建议 with a 承办人 and a 牵头责任人 and submits it to the office
  const group = await cloud.ok(CONVENER, 'rep', 'group', {});
  expect(group.isConvener).toBe(true);
  const ids = [sent.id, ...fromVisit.map((o) => o.id)];
  expect(group.open.map((o) => o.id).sort()).toEqual([...ids].sort());
  // she heard them all herself: she is the one representative who knows each constituent
  expect(group.open.map((o) => o.constituent?.name).sort()).toEqual(['欧阳保密', '王秀英', '陈大山'].sort());

  const compileInput = {
    clientId: cid('compile'),
    kind: '建议' as const,
    title: '关于修复河西村道路照明的建议',
    content: '河西村至镇区道路路灯损坏逾月，桥头无照明，村民夜间出行不便且有跌倒，建议尽快修复并增设桥头路灯。',
    handler: '刘红梅',
    lead: '城关镇分管副镇长',
    opinionIds: ids,
  };
  expect(code(await cloud.call(MEMBER, 'rep', 'compile', { ...compileInput, clientId: cid('compile') }))).toBe('FORBIDDEN');
  proposal = await cloud.ok(CONVENER, 'rep', 'compile', compileInput);
  expect(proposal).toMatchObject({ status: 'submitted', kind: '建议', handler: '刘红梅', lead: '城关镇分管副镇长', opinionCount: 3 });
  expect((await cloud.ok(CONVENER, 'rep', 'compile', compileInput)).id).toBe(proposal.id); // a retry
  // an opinion goes into one proposal only
  const again = await cloud.call(CONVENER, 'rep', 'compile', { ...compileInput, clientId: cid('compile') });
  expect(code(again)).toBe('CONFLICT');
  expect((await cloud.ok(CONVENER, 'rep', 'group', {})).open).toEqual([]);

  // the office finds it waiting, reads it without the hidden identities, and forwards it to two units
  const desk = await cloud.ok(ADMIN, 'rep', 'proposals', { box: 'waiting' });
  expect(desk.items.map((p) => p.id)).toContain(proposal.id);
  const seen = await cloud.ok(ADMIN, 'rep', 'proposal', { proposalId: proposal.id });
  expect(seen.canForward).toBe(true);
  const names = seen.opinions.map((o) => o.constituent?.name).sort();
  expect(names).toEqual(['保密', '保密', '陈**']);
  expect(JSON.stringify(seen)).not.toMatch(/王秀英|欧阳保密|13800001234|13800005678/);
  // not for cadres, nor for residents
  expect(code(await cloud.call(RENSHE, 'rep', 'proposal', { proposalId: proposal.id }))).toBe('FORBIDDEN');
  expect(code(await cloud.call(R1, 'rep', 'proposals', { box: 'all' }))).toBe('FORBIDDEN');
  expect(code(await cloud.call(CONVENER, 'rep', 'forward', { proposalId: proposal.id, version: 0, unitIds: ['unit-renshe'] }))).toBe(
    'FORBIDDEN',
  );
  const bad = await cloud.call(ADMIN, 'rep', 'forward', { proposalId: proposal.id, version: 0, unitIds: ['unit-nowhere'] });
  expect(code(bad)).toBe('INVALID_INPUT');

  const fwd = { proposalId: proposal.id, version: proposal.version, unitIds: ['unit-chengguan', 'unit-renshe'], note: '请按职责办理' };
  proposal = await cloud.ok(ADMIN, 'rep', 'forward', fwd);
  expect(proposal.status).toBe('forwarded');
  expect(proposal.items.map((i) => [i.unitName, i.status])).toEqual([
    ['城关镇人民政府', 'assigned'],
    ['县人社局', 'assigned'],
  ]);
  // a retry after a lost reply makes nothing twice
  await cloud.ok(ADMIN, 'rep', 'forward', fwd);
  const items = (await dump()).collections.requests!.filter((r) => r.proposalId === proposal.id);
  expect(items).toHaveLength(2);
  // a second forward of another kind is refused: it went once
  expect(code(await cloud.call(ADMIN, 'rep', 'forward', { ...fwd, unitIds: ['unit-shuiwu'] }))).toBe('CONFLICT');
  expect(code(await cloud.call(ADMIN, 'rep', 'forward', { ...fwd, version: proposal.version }))).toBe('CONFLICT');

  // each unit signs for it and answers on the request lifecycle; nothing of the constituents reaches the units
  for (const cadre of [CHENGGUAN, RENSHE]) {
    const inbox = await cloud.ok(cadre, 'request', 'inbox', { box: 'todo' });
    const item = inbox.items.find((i) => i.channel === '代表建议')!;
    expect(item).toMatchObject({ category: '建议', status: 'assigned' });
    let d: RequestDetail = await cloud.ok(cadre, 'request', 'detail', { id: item.id });
    expect(d.content).toContain('承办人：刘红梅；牵头责任人：城关镇分管副镇长');
    expect(d.policyLabel).toBe('党代表建议：3个工作日内签收，30日内答复');
    expect(d.can).toEqual(expect.arrayContaining(['accept', 'return', 'transfer']));
    expect(JSON.stringify(d)).not.toMatch(/王秀英|陈大山|欧阳保密|13800001234|13800005678/);
    d = await cloud.ok(cadre, 'request', 'accept', v(d));
    d = await cloud.ok(cadre, 'request', 'reply', {
      ...v(d),
      reply: `${cadre === RENSHE ? '人社局' : '城关镇'}：已安排维修，本月底前完成。`,
    });
    expect(d.status).toBe('replied');
  }
  // the convener follows both items as the one who proposed them
  const convenerItems = await cloud.ok(CONVENER, 'request', 'mine', {});
  expect(convenerItems.items.filter((i) => i.channel === '代表建议').map((i) => i.status)).toEqual(['replied', 'replied']);

  // the three constituents are told by subscription message, and read the answers in their own list
  // one message for each unit's answer: two granted each
  for (const who of [R1, R2, R3, R1, R2, R3]) await tapPanel(cloud, who, { 'demo-tmpl-progress': 'accept' });
  await fetch(`${cloud.url}/dev/messages`, { method: 'DELETE' });
  expect(code(await runTimer())).toBe('OK');
  const told = (await messages()).filter((m) => m.page === 'packages/rep/mine/index');
  expect(told.map((m) => m.touser).sort()).toEqual([R1, R1, R2, R2, R3, R3].sort());
  for (const m of told) expect(m.data.phrase2!.value).toBe('已答复');

  for (const who of [R1, R2, R3]) {
    const [o] = (await cloud.ok(who, 'rep', 'myOpinions', {})).items;
    expect(o!.status).toBe('compiled');
    expect(o!.proposal).toMatchObject({ id: proposal.id, kind: '建议', status: 'forwarded' });
    expect(o!.outcomes.map((x) => [x.unitName, x.status])).toEqual([
      ['城关镇人民政府', 'replied'],
      ['县人社局', 'replied'],
    ]);
    expect(o!.outcomes[1]!.reply).toBe('人社局：已安排维修，本月底前完成。');
  }
});

test('the forwarded item is chased like any request', async () => {
  const reqs = (await dump()).collections.requests!;
  const before = reqs.length;
  const fresh = await cloud.ok(CONVENER, 'rep', 'recordOpinion', {
    clientId: cid('rec'),
    content: '桥头排水沟堵塞，雨天积水',
    showIdentity: true,
  });
  const p = await cloud.ok(CONVENER, 'rep', 'compile', {
    clientId: cid('compile'),
    kind: '意见',
    title: '关于疏通桥头排水沟的意见',
    content: '桥头排水沟长期堵塞，雨天路面积水，建议镇政府组织疏通。',
    handler: '刘红梅',
    lead: '城关镇村建办',
    opinionIds: [fresh.id],
  });
  await cloud.ok(ADMIN, 'rep', 'forward', { proposalId: p.id, version: p.version, unitIds: ['unit-chengguan'] });
  const item = (await dump()).collections.requests!.find((r) => r.proposalId === p.id)!;
  expect((await dump()).collections.requests!.length).toBe(before + 1);
  expect(item).toMatchObject({ channel: '代表建议', category: '意见', status: 'assigned' });
  const res = await chaseJob({ dir: await loadDirectory(), now: (item.acceptDueAt as number) + 60_000, until: Date.now() + 60_000 });
  expect(res.done).toBeGreaterThanOrEqual(1);
  const chased = (await dump()).collections.requests!.find((r) => r._id === item._id)!;
  expect((chased.events as { type: string }[]).map((e) => e.type)).toContain('urge');
});

describe('a constituent who claims a record after its 建议 went out', () => {
  it('is told the unit’s answer all the same, and reads it in their list', async () => {
    const rec = await cloud.ok(CONVENER, 'rep', 'recordOpinion', {
      clientId: cid('rec'),
      content: '村小学门口没有减速带，车速太快',
      showIdentity: true,
    });
    const p = await cloud.ok(CONVENER, 'rep', 'compile', {
      clientId: cid('compile'),
      kind: '建议',
      title: '关于在村小学门口设置减速带的建议',
      content: '村小学门口车辆车速过快，建议设置减速带和警示标志。',
      handler: '刘红梅',
      lead: '城关镇交管站',
      opinionIds: [rec.id],
    });
    await cloud.ok(ADMIN, 'rep', 'forward', { proposalId: p.id, version: p.version, unitIds: ['unit-chengguan'] });
    const late = 'rep-test-late-claimer';
    await cloud.ok(late, 'rep', 'claimOpinion', { code: rec.claimCode! });
    await tapPanel(cloud, late, { 'demo-tmpl-progress': 'accept' });
    const item = (await dump()).collections.requests!.find((r) => r.proposalId === p.id)!;
    let d = await cloud.ok(CHENGGUAN, 'request', 'detail', { id: item._id as string });
    d = await cloud.ok(CHENGGUAN, 'request', 'accept', v(d));
    await cloud.ok(CHENGGUAN, 'request', 'reply', { ...v(d), reply: '已在学校门口设置减速带。' });
    await fetch(`${cloud.url}/dev/messages`, { method: 'DELETE' });
    expect(code(await runTimer())).toBe('OK');
    expect((await messages()).filter((m) => m.touser === late).map((m) => m.page)).toEqual(['packages/rep/mine/index']);
    const [mine] = (await cloud.ok(late, 'rep', 'myOpinions', {})).items;
    expect(mine!.outcomes).toEqual([{ unitName: '城关镇人民政府', no: d.no, status: 'replied', reply: '已在学校门口设置减速带。' }]);
  });
});

describe('nothing submitted is deleted', () => {
  it('a withdrawn opinion stays, with its events; it cannot be compiled', async () => {
    const o = await cloud.ok(R2, 'rep', 'send', {
      clientId: cid('send'),
      scene: SCENE,
      content: '想了解一下党代表接待日的安排',
      showIdentity: true,
    });
    expect(code(await cloud.call(CONVENER, 'rep', 'withdrawOpinion', { opinionId: o.id, version: o.version }))).toBe('FORBIDDEN');
    expect(code(await cloud.call(R1, 'rep', 'withdrawOpinion', { opinionId: o.id, version: o.version }))).toBe('NOT_FOUND');
    const w = await cloud.ok(R2, 'rep', 'withdrawOpinion', { opinionId: o.id, version: o.version });
    expect(w.status).toBe('withdrawn');
    const stored = (await dump()).collections.rep_opinions!.find((x) => x._id === o.id)!;
    expect(stored.content).toBe('想了解一下党代表接待日的安排');
    expect((stored.events as { type: string }[]).map((e) => e.type)).toEqual(['send', 'withdraw']);
    expect((await cloud.ok(R2, 'rep', 'myOpinions', {})).items.find((x) => x.id === o.id)?.status).toBe('withdrawn');
    const c = await cloud.call(CONVENER, 'rep', 'compile', {
      clientId: cid('compile'),
      kind: '意见',
      title: '关于接待日安排的意见',
      content: '群众希望公开党代表接待日安排，建议在村务公开栏张贴。',
      handler: '刘红梅',
      lead: '城关镇党委',
      opinionIds: [o.id],
    });
    expect(code(c)).toBe('CONFLICT');
  });

  it('a withdrawn proposal stays, with its opinions and events; the office can no longer forward it', async () => {
    const o = await cloud.ok(CONVENER, 'rep', 'recordOpinion', {
      clientId: cid('rec'),
      content: '建议在村里设立便民理发点',
      showIdentity: true,
    });
    const p = await cloud.ok(CONVENER, 'rep', 'compile', {
      clientId: cid('compile'),
      kind: '意见',
      title: '关于设立便民理发点的意见',
      content: '村里老人理发要走很远，建议在党群服务中心设立便民理发点。',
      handler: '刘红梅',
      lead: '河西村党支部',
      opinionIds: [o.id],
    });
    const w = await cloud.ok(CONVENER, 'rep', 'withdrawProposal', { proposalId: p.id, version: p.version, reason: '先在村里自行解决' });
    expect(w.status).toBe('withdrawn');
    expect(code(await cloud.call(ADMIN, 'rep', 'forward', { proposalId: p.id, version: w.version, unitIds: ['unit-chengguan'] }))).toBe(
      'CONFLICT',
    );
    const stored = (await dump()).collections.rep_proposals!.find((x) => x._id === p.id)!;
    expect((stored.events as { type: string }[]).map((e) => e.type)).toEqual(['submit', 'withdraw']);
    expect((await cloud.ok(ADMIN, 'rep', 'proposals', { box: 'all' })).items.map((x) => x.id)).toContain(p.id);
  });
});

describe('group activities (S9.2)', () => {
  it('the convener sees another representative’s constituent who asked to stay unknown only as 保密', async () => {
    const o = await cloud.ok(R1, 'rep', 'send', {
      clientId: cid('send'),
      scene: 'r-zhangweidong',
      content: '桃园村合作社用工希望优先本村村民',
      showIdentity: false,
      contactName: '王秀英',
      contactPhone: '13800001234',
    });
    const group = await cloud.ok(CONVENER, 'rep', 'group', {});
    expect(group.open.find((x) => x.id === o.id)?.constituent).toEqual({ name: '保密', phone: '保密' });
    expect(JSON.stringify(group)).not.toMatch(/王秀英|13800001234/);
    // 张卫东 himself knows who spoke to him
    const his = await cloud.ok(MEMBER, 'rep', 'opinions', {});
    expect(his.items.find((x) => x.id === o.id)?.constituent).toEqual({ name: '王秀英', phone: '138****1234' });
    // and the convener's own list holds only what she recorded or was sent
    expect((await cloud.ok(CONVENER, 'rep', 'opinions', {})).items.map((x) => x.id)).not.toContain(o.id);
  });

  it('the convener plans an activity and records who attended; the quarter counts it once', async () => {
    const before = (await cloud.ok(CONVENER, 'rep', 'group', {})).quarter;
    expect(before.target).toBe(1);
    const plan = { clientId: cid('plan'), kind: '建言献策' as const, date: today(), topic: '河西村人居环境整治建言献策' };
    expect(code(await cloud.call(MEMBER, 'rep', 'planActivity', { ...plan, clientId: cid('plan') }))).toBe('FORBIDDEN');
    const a = await cloud.ok(CONVENER, 'rep', 'planActivity', plan);
    expect(a).toMatchObject({ status: 'planned', attendees: [] });
    const bad = await cloud.call(CONVENER, 'rep', 'recordAttendance', { activityId: a.id, version: a.version, present: ['r-nobody-here'] });
    expect(code(bad)).toBe('INVALID_INPUT');
    const held = await cloud.ok(CONVENER, 'rep', 'recordAttendance', {
      activityId: a.id,
      version: a.version,
      present: [SCENE, 'r-zhangweidong'],
    });
    expect(held).toMatchObject({ status: 'held', attendees: ['刘红梅', '张卫东'] });
    const again = await cloud.call(CONVENER, 'rep', 'recordAttendance', { activityId: a.id, version: held.version, present: [SCENE] });
    expect(code(again)).toBe('CONFLICT');
    const after = await cloud.ok(MEMBER, 'rep', 'group', {});
    expect(after.quarter.held).toBe(before.held + 1);
    expect(after.activities.find((x) => x.id === a.id)?.status).toBe('held');
    // an activity planned for later cannot be recorded as held yet
    const later = await cloud.ok(CONVENER, 'rep', 'planActivity', { ...plan, clientId: cid('plan'), date: '2099-01-01' });
    const early = await cloud.call(CONVENER, 'rep', 'recordAttendance', {
      activityId: later.id,
      version: later.version,
      present: [SCENE],
    });
    expect(code(early)).toBe('CONFLICT');
  });
});

describe('the 党代表联络办’s own activities (S9.2: ≥ 2 a year)', () => {
  it('the office plans one, records which representatives attended, and its year counts it once', async () => {
    const year = Number(today().slice(0, 4));
    const before = (await cloud.ok(ADMIN, 'rep', 'figures', { year })).office;
    expect(before).toMatchObject({ held: 0, target: 2 });
    const plan = { clientId: cid('office'), kind: '建言献策' as const, date: today(), topic: '全县党代表建言献策会' };
    expect(code(await cloud.call(CONVENER, 'rep', 'officePlan', plan))).toBe('FORBIDDEN');
    const a = await cloud.ok(ADMIN, 'rep', 'officePlan', plan);
    expect((await cloud.ok(ADMIN, 'rep', 'officePlan', plan)).id).toBe(a.id); // a retry
    const stranger = await cloud.call(ADMIN, 'rep', 'officeAttendance', { activityId: a.id, version: a.version, present: ['c-renshe-01'] });
    expect(code(stranger)).toBe('INVALID_INPUT');
    // another group's activity is not the office's
    const theirs = await cloud.ok(CONVENER, 'rep', 'planActivity', { ...plan, clientId: cid('plan') });
    const wrong = await cloud.call(ADMIN, 'rep', 'officeAttendance', { activityId: theirs.id, version: theirs.version, present: [SCENE] });
    expect(code(wrong)).toBe('NOT_FOUND');
    const held = await cloud.ok(ADMIN, 'rep', 'officeAttendance', {
      activityId: a.id,
      version: a.version,
      present: [SCENE, 'r-zhangweidong'],
    });
    expect(held).toMatchObject({ status: 'held', attendees: ['刘红梅', '张卫东'] });
    expect(code(await cloud.call(ADMIN, 'rep', 'officeAttendance', { activityId: a.id, version: held.version, present: [SCENE] }))).toBe(
      'CONFLICT',
    );
    const after = (await cloud.ok(ADMIN, 'rep', 'figures', { year })).office;
    expect(after.held).toBe(1);
    expect(after.activities.find((x) => x.id === a.id)).toMatchObject({ status: 'held', topic: '全县党代表建言献策会' });
    // no openid in the office's figures: representatives are named by their cards' keys
    expect(JSON.stringify(await cloud.ok(ADMIN, 'rep', 'figures', { year }))).not.toContain(CONVENER);
  });
});

describe('yearly figures (S9.3: ≥ 50 people a year), targets as data', () => {
  it('a representative sees her own year; the office sees every representative, furthest behind first', async () => {
    const { db } = await import('../../server/db');
    const year = Number(today().slice(0, 4));
    const seeded = [
      { _id: 'rep-fig-a', name: '甲代表', people: 48, opinions: 2 },
      { _id: 'rep-fig-b', name: '乙代表', people: 10, opinions: 9 },
      { _id: 'rep-fig-c', name: '丙代表', people: 10, opinions: 1 },
      { _id: 'rep-fig-d', name: '丁代表', people: 70, opinions: 0 },
    ];
    for (const r of seeded)
      await db
        .collection('reps')
        .doc(r._id)
        .set({
          data: {
            name: r.name,
            scene: `r-fig-${r._id.slice(-1)}`,
            title: '镇党代表',
            intro: '测试',
            phone: '0000-6620199',
            place: '联络站',
            receiveTime: '每周一',
            groupId: null,
            groupName: null,
            active: true,
            years: {
              [`y${year}`]: { people: r.people, visits: 3, opinions: r.opinions },
              [`y${year - 1}`]: { people: 99, visits: 9, opinions: 9 },
            },
            createdAt: Date.now(),
            updatedAt: Date.now(),
          },
        });
    // the county's target is a setting: 40 people this year
    await db
      .collection('settings')
      .doc('repTargets')
      .set({ data: { peoplePerYear: 40, groupActivitiesPerQuarter: 1, officeActivitiesPerYear: 2 } });

    const { reps: rows } = await cloud.ok(ADMIN, 'rep', 'figures', { year });
    const order = rows.map((r) => r.name);
    // 张卫东 has nothing this year, 刘红梅 2 of 40; 丙 and 乙 met 10 (fewer opinions first); 甲 48 and 丁 70 are past the target
    expect(order.slice(0, 4)).toEqual(['张卫东', '刘红梅', '丙代表', '乙代表']);
    expect(rows.find((r) => r.name === '丙代表')).toMatchObject({ people: 10, peopleTarget: 40, share: 0.25 });
    expect(rows.find((r) => r.name === '丁代表')!.share).toBe(1);
    expect(rows.find((r) => r.name === '刘红梅')).toMatchObject({ people: 2, visits: 1 });
    // last year is its own
    const { reps: last } = await cloud.ok(ADMIN, 'rep', 'figures', { year: year - 1 });
    expect(last.find((r) => r.name === '甲代表')!.people).toBe(99);

    const home = await cloud.ok(CONVENER, 'rep', 'home', {});
    expect(home.progress).toMatchObject({ year, people: 2, peopleTarget: 40, visits: 1 });
    expect(home.progress.opinions).toBeGreaterThanOrEqual(3);
    expect(home.visits[0]).toMatchObject({ place: '河西村三组', people: 2 });
    expect(home.group).toEqual({ id: 'rgroup-chengguan', name: '城关镇党代表联络组', isConvener: true });
    expect(code(await cloud.call(CONVENER, 'rep', 'figures', { year }))).toBe('FORBIDDEN');
    expect(code(await cloud.call(R1, 'rep', 'home', {}))).toBe('FORBIDDEN');
  });

  it('a visit in the future is refused and counts nothing', async () => {
    const before = JSON.stringify((await dump()).collections.reps);
    const r = await cloud.call(CONVENER, 'rep', 'recordVisit', { clientId: cid('visit'), date: '2099-01-01', place: '河西村', people: 5 });
    expect(code(r)).toBe('INVALID_INPUT');
    expect(JSON.stringify((await dump()).collections.reps)).toBe(before);
  });
});

describe('the card’s 小程序码', () => {
  it('opens the representative’s card page with her scene key', async () => {
    const c = await cloud.ok(CONVENER, 'rep', 'cardCode', {});
    expect(c.scene).toBe(SCENE);
    expect(c.image).toMatch(/^data:image\/png;base64,/);
    expect(code(await cloud.call(RENSHE, 'rep', 'cardCode', {}))).toBe('FORBIDDEN');
  });
});
