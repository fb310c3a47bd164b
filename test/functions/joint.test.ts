/**
 * 联合办理 (S4) through the real functions: the 信访局 dispatches an item to a lead unit with
 * co-handling units; each co-handling unit finds it in its 协办 box and answers its part once; the
 * lead unit answers the whole only after the parts; the resident reads the lead's answer, and who
 * helped, never the parts; the unit complained about is never asked to help.
 */
import type { RequestDetail } from '../../typings';
import { project as projectJob } from '../../server/jobs/figures';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, DUCHA, R1, R2, RENSHE, ZHUJIAN } from '../helpers/demo';

let cloud: TestCloud;
let n = 0;
useCloud((c) => (cloud = c));

const v = (d: { id: string; version: number }) => ({ id: d.id, version: d.version });
const code = (env: { ok: boolean; error?: { code: string; message: string } }) => (env.ok ? 'OK' : env.error!.code);
const message = (env: { ok: boolean; error?: { code: string; message: string } }) => (env.ok ? 'OK' : env.error!.message);

/** A request the routing catalogue does not cover (安居小区): it waits on the 派单台. */
async function unrouted(by = R1, content = '安居小区门前道路塌陷，雨天积水，还影响到供暖管线。'): Promise<RequestDetail> {
  const s = await cloud.ok(by, 'request', 'submit', {
    clientId: `joint-${(n += 1).toString().padStart(5, '0')}`,
    category: '求助',
    content,
    regionId: 'com-anju',
    confidential: false,
    mayContact: true,
    contactName: '王秀英',
    contactPhone: '13800001234',
  });
  return cloud.ok(ADMIN, 'request', 'detail', { id: s.id });
}

const jointly = async (d: RequestDetail): Promise<RequestDetail> =>
  cloud.ok(ADMIN, 'admin', 'dispatch', {
    ...v(d),
    unitId: 'unit-zhujian',
    coUnitIds: ['unit-chengguan', 'unit-renshe'],
    note: '请联合办理',
  });

describe('联合办理: the 信访局 sets a lead unit and co-handling units', () => {
  it('dispatches to the lead with its co-handling units, in one audited compare-and-set', async () => {
    const d = await unrouted();
    const sent = await jointly(d);
    expect(sent.version).toBe(d.version + 1);
    expect(sent.status).toBe('assigned');
    expect(sent.unitName).toBe('县住建局');
    expect(sent.coUnits.map((c) => [c.unitName, c.answer])).toEqual([
      ['城关镇人民政府', null],
      ['县人社局', null],
    ]);
    expect(sent.timeline.at(-1)).toMatchObject({ type: 'dispatch', note: '派至县住建局，协办：城关镇人民政府、县人社局：请联合办理' });
  });

  it('refuses a co-handling unit twice, the lead as its own co-handler, or an unknown unit, and changes nothing', async () => {
    const d = await unrouted();
    const twice = await cloud.call(ADMIN, 'admin', 'dispatch', {
      ...v(d),
      unitId: 'unit-zhujian',
      coUnitIds: ['unit-renshe', 'unit-renshe'],
    });
    expect(message(twice)).toBe('协办单位不能重复，也不能是主办单位');
    const self = await cloud.call(ADMIN, 'admin', 'dispatch', { ...v(d), unitId: 'unit-zhujian', coUnitIds: ['unit-zhujian'] });
    expect(code(self)).toBe('INVALID_INPUT');
    expect(code(await cloud.call(ADMIN, 'admin', 'dispatch', { ...v(d), unitId: 'unit-zhujian', coUnitIds: ['unit-nowhere'] }))).toBe(
      'INVALID_INPUT',
    );
    expect(code(await cloud.call(ADMIN, 'admin', 'dispatch', { ...v(d), unitId: 'unit-zhujian', coUnitIds: [] }))).toBe('INVALID_INPUT');
    expect((await cloud.ok(ADMIN, 'request', 'detail', { id: d.id })).version).toBe(d.version);
  });

  it('never asks the unit complained about to help with the complaint', async () => {
    // A complaint about the 住建局 through its card goes to its supervisor (督查室), which returns it to the 信访局.
    const s = await cloud.ok(R2, 'request', 'submit', {
      clientId: `joint-accuse-${(n += 1)}`,
      category: '投诉',
      aboutUnit: true,
      content: '住建局执法人员到工地检查时态度粗暴',
      scene: 'c-zhujian-01',
      confidential: false,
      mayContact: false,
    });
    let d = await cloud.ok(DUCHA, 'request', 'detail', { id: s.id });
    d = await cloud.ok(DUCHA, 'request', 'return', { ...v(d), reason: '请调度中心重新派单' });
    const res = await cloud.call(ADMIN, 'admin', 'dispatch', { ...v(d), unitId: 'unit-chengguan', coUnitIds: ['unit-zhujian'] });
    expect(message(res)).toBe('被投诉的单位不能协办');
    expect(code(await cloud.call(ZHUJIAN, 'request', 'detail', { id: d.id }))).toBe('NOT_FOUND');
  });
});

describe('联合办理: parts, then the whole', () => {
  it('co-handling units answer their parts once; the lead answers only after them; the resident reads the lead’s answer', async () => {
    let d = await jointly(await unrouted());
    // Each co-handling unit finds it in its 协办 box; not in its own 待办.
    const coBox = await cloud.ok(CHENGGUAN, 'request', 'inbox', { box: 'co' });
    expect(coBox.items.map((i) => i.id)).toContain(d.id);
    expect((await cloud.ok(CHENGGUAN, 'request', 'inbox', { box: 'todo' })).items.map((i) => i.id)).not.toContain(d.id);
    expect((await cloud.ok(ZHUJIAN, 'request', 'inbox', { box: 'co' })).items.map((i) => i.id)).not.toContain(d.id);

    // A co-handling unit sees the petitioner masked, may not unmask, sign, answer the whole or transfer.
    const seen = await cloud.ok(CHENGGUAN, 'request', 'detail', { id: d.id });
    expect(seen.petitioner).toEqual({ name: '王**', phone: '138****1234' });
    expect(seen.can).toEqual(['coReply']);
    expect(code(await cloud.call(CHENGGUAN, 'request', 'accept', v(d)))).toBe('FORBIDDEN');
    expect(code(await cloud.call(CHENGGUAN, 'request', 'unmask', { id: d.id }))).toBe('FORBIDDEN');

    // The lead signs; it cannot answer the whole while parts are owed.
    d = await cloud.ok(ZHUJIAN, 'request', 'accept', v(d));
    expect(d.can).not.toContain('reply');
    const early = await cloud.call(ZHUJIAN, 'request', 'reply', { ...v(d), reply: '道路已修复，供暖管线已检查。' });
    expect(message(early)).toBe('还有协办单位没有提交意见，请等协办意见齐了再答复');
    // Nor hand it to a co-handling unit to lead.
    const toCo = await cloud.call(ZHUJIAN, 'request', 'transfer', { ...v(d), unitId: 'unit-renshe', reason: '请人社局主办此事' });
    expect(message(toCo)).toBe('县人社局是协办单位，不能转给它主办');

    d = await cloud.ok(CHENGGUAN, 'request', 'coReply', { ...v(d), answer: '城关镇已安排人员设置警示标志并排水。' });
    expect(d.timeline.at(-1)).toMatchObject({ type: 'coReply', actor: '城关镇人民政府' });
    const again = await cloud.call(CHENGGUAN, 'request', 'coReply', { ...v(d), answer: '再补充一点情况说明。' });
    expect(message(again)).toBe('本单位的协办意见已经提交过了');
    expect((await cloud.ok(CHENGGUAN, 'request', 'inbox', { box: 'co' })).items.map((i) => i.id)).not.toContain(d.id);
    expect(code(await cloud.call(ZHUJIAN, 'request', 'reply', { ...v(d), reply: '道路已修复，供暖管线已检查。' }))).toBe('CONFLICT');

    d = await cloud.ok(RENSHE, 'request', 'coReply', { ...v(d), answer: '供暖管线不属于人社局职责，建议由住建局协调供热公司。' });
    const lead = await cloud.ok(ZHUJIAN, 'request', 'detail', { id: d.id });
    expect(lead.coUnits.map((c) => c.answer)).toEqual([
      '城关镇已安排人员设置警示标志并排水。',
      '供暖管线不属于人社局职责，建议由住建局协调供热公司。',
    ]);
    expect(lead.can).toContain('reply');
    d = await cloud.ok(ZHUJIAN, 'request', 'reply', { ...v(d), reply: '经住建局牵头、城关镇配合，塌陷路面已修复，供热公司已检查管线。' });
    expect(d.status).toBe('replied');

    // The resident reads the lead's answer and who helped, never the parts.
    const mine = await cloud.ok(R1, 'request', 'detail', { id: d.id });
    expect(mine.reply).toBe('经住建局牵头、城关镇配合，塌陷路面已修复，供热公司已检查管线。');
    expect(mine.coUnits.map((c) => [c.unitName, c.answer])).toEqual([
      ['城关镇人民政府', null],
      ['县人社局', null],
    ]);
    expect(mine.timeline.filter((t) => t.type === 'coReply').map((t) => t.note)).toEqual([null, null]);
    expect(JSON.stringify(mine)).not.toContain('警示标志');
    expect(mine.can).toContain('rate');

    // The timer's outbox: co-handling units were asked for their parts, the lead told as they came in.
    await projectJob({ now: Date.now(), until: Date.now() + 60_000 });
    const titles = async (who: string) =>
      (await cloud.ok(who, 'user', 'messages', {})).items.filter((m) => m.requestId === d.id).map((m) => m.title.split('：')[0]);
    expect(await titles(CHENGGUAN)).toContain('请协办');
    expect(await titles(ZHUJIAN)).toEqual(expect.arrayContaining(['待签收', '协办已齐']));
  });

  it('a 退单 by the lead sends the co-handling units back with it: the dispatcher decides again', async () => {
    let d = await jointly(await unrouted());
    d = await cloud.ok(ZHUJIAN, 'request', 'return', { ...v(d), reason: '不属于住建局职责，请重新派单' });
    expect(d.coUnits).toEqual([]);
    expect((await cloud.ok(CHENGGUAN, 'request', 'inbox', { box: 'co' })).items.map((i) => i.id)).not.toContain(d.id);
    expect(code(await cloud.call(CHENGGUAN, 'request', 'detail', { id: d.id }))).toBe('NOT_FOUND');
    d = await cloud.ok(ADMIN, 'admin', 'dispatch', { ...v(d), unitId: 'unit-chengguan' });
    expect(d.can).toEqual(expect.arrayContaining(['merge']));
    expect((await cloud.ok(CHENGGUAN, 'request', 'detail', { id: d.id })).coUnits).toEqual([]);
  });
});
