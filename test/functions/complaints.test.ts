/**
 * Issue 9 items 3 and 5, through the real functions: a complaint *to* a unit is not a complaint
 * *about* it; a complaint about a unit goes to the unit that supervises it (data) and the accused
 * unit never sees it in any list, count, figure or suggestion; the dispatcher may reveal a
 * confidential petitioner's contact with a stated reason, nobody in the accused unit ever can; and
 * the petitioner sees who looked (谁查看过我的联系方式).
 */
import type { RequestDetail, SubmitInput } from '../../typings';
import { monthOf } from '../../server/domain/figures';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, DUCHA, R1, R2, ZHUJIAN } from '../helpers/demo';

let cloud: TestCloud;
let seq = 0;
useCloud((c) => (cloud = c));

const complaint = (over: Partial<SubmitInput>): SubmitInput => ({
  clientId: `complaint-${(seq += 1).toString().padStart(4, '0')}`,
  category: '投诉',
  content: '工地夜里十一点后还在施工，噪音很大',
  scene: 'c-zhujian-01',
  confidential: false,
  mayContact: true,
  contactName: '司马投诉',
  contactPhone: '13800007772',
  ...over,
});
const v = (d: { id: string; version: number }) => ({ id: d.id, version: d.version });
const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);

/** The timer function, as its trigger runs it, until it has nothing left to do. */
async function timerUntilIdle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    const r = await cloud.raw(null, 'timer', { Type: 'Timer', TriggerName: 'chase', Time: new Date().toISOString() });
    if (!r.ok) throw new Error('timer failed');
    const d = r.data as { chase: { done: number }; project: { done: number }; send: { done: number } };
    if (d.chase.done + d.project.done + d.send.done === 0) return;
  }
}

describe('item 3: a complaint to a unit, and a complaint about it', () => {
  it('“请该单位处理这个问题”: the unit handles it and may call the complainant back', async () => {
    const s = await cloud.ok(R2, 'request', 'submit', complaint({ aboutUnit: false }));
    expect(s.status).toBe('assigned');
    const d = await cloud.ok(ZHUJIAN, 'request', 'detail', { id: s.id });
    expect(d.unitName).toBe('县住建局');
    expect(d.petitioner).toEqual({ name: '司***', phone: '138****7772' });
    expect(d.canUnmask).toBe(true);
    expect(await cloud.ok(ZHUJIAN, 'request', 'unmask', { id: s.id })).toEqual({ name: '司马投诉', phone: '13800007772' });
  });

  it('a 投诉 through a card without the choice is to the unit (the page always asks)', async () => {
    const { aboutUnit: _none, ...input } = complaint({});
    const s = await cloud.ok(R2, 'request', 'submit', input);
    expect((await cloud.ok(ZHUJIAN, 'request', 'detail', { id: s.id })).canUnmask).toBe(true);
  });

  it('“投诉该单位或其工作人员” goes to the unit’s supervisor; the accused unit never sees it, in any list, count, figure or suggestion', async () => {
    const month = monthOf(Date.now());
    // 住建局's own work, so its lists and figures have something in them
    const own = await cloud.ok(R2, 'request', 'submit', complaint({ aboutUnit: false, content: '小区楼道裂缝需要房屋安全鉴定' }));
    await timerUntilIdle();
    const figuresBefore = await cloud.ok(ZHUJIAN, 'county', 'figures', { month });
    const accusedBefore = (await cloud.ok(ADMIN, 'county', 'figures', { month })).items.find((f) => f.unitId === 'unit-zhujian');

    const s = await cloud.ok(
      R1,
      'request',
      'submit',
      complaint({ aboutUnit: true, content: '住建局执法人员到工地检查时态度粗暴', contactName: '上官调度', contactPhone: '13800007774' }),
    );
    expect(s.status).toBe('assigned');
    const atSupervisor = await cloud.ok(DUCHA, 'request', 'detail', { id: s.id });
    expect(atSupervisor.unitName).toBe('县政府督查室');
    expect(atSupervisor.petitioner).toEqual({ name: '上***', phone: '138****7774' });
    // the supervisor answers it all the way; the petitioner rates it
    const accepted = await cloud.ok(DUCHA, 'request', 'accept', v(atSupervisor));
    const replied = await cloud.ok(DUCHA, 'request', 'reply', { ...v(accepted), reply: '已约谈相关执法人员，责令整改。' });
    await cloud.ok(R1, 'request', 'rate', { ...v(await cloud.ok(R1, 'request', 'detail', { id: replied.id })), resolved: true, score: 5 });
    await timerUntilIdle();

    expect(code(await cloud.raw(ZHUJIAN, 'request', { action: 'detail', id: s.id }))).toBe('NOT_FOUND');
    expect(code(await cloud.raw(ZHUJIAN, 'request', { action: 'unmask', id: s.id }))).toBe('NOT_FOUND');
    for (const box of ['todo', 'done'] as const) {
      const page = await cloud.ok(ZHUJIAN, 'request', 'inbox', { box });
      expect(page.items.map((i) => i.id)).not.toContain(s.id);
    }
    const dups = await cloud.ok(ZHUJIAN, 'request', 'duplicates', { id: own.id });
    expect(dups.map((x) => x.id)).not.toContain(s.id);
    expect(await cloud.ok(ZHUJIAN, 'county', 'figures', { month })).toEqual(figuresBefore);
    expect((await cloud.ok(ADMIN, 'county', 'figures', { month })).items.find((f) => f.unitId === 'unit-zhujian')).toEqual(accusedBefore);
    const supervisor = (await cloud.ok(ADMIN, 'county', 'figures', { month })).items.find((f) => f.unitId === 'unit-ducha');
    expect(supervisor).toMatchObject({ received: 1, signed: 1, replied: 1, rated: 1, satisfied: 1 });
  });

  it('an accusation is never handed to the unit it accuses, by transfer or by dispatch', async () => {
    const s = await cloud.ok(R1, 'request', 'submit', complaint({ aboutUnit: true, content: '住建局窗口人员推诿扯皮' }));
    const d = await cloud.ok(DUCHA, 'request', 'detail', { id: s.id });
    const before = await cloud.dump();
    const t = await cloud.raw(DUCHA, 'request', { action: 'transfer', ...v(d), unitId: 'unit-zhujian', reason: '请住建局自行处理' });
    expect(t).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '不能交给被投诉的单位办理' } });
    expect(await cloud.dump()).toEqual(before);
    const returned = await cloud.ok(DUCHA, 'request', 'return', { ...v(d), reason: '请调度中心另行指定' });
    const dispatch = await cloud.raw(ADMIN, 'admin', { action: 'dispatch', ...v(returned), unitId: 'unit-zhujian' });
    expect(code(dispatch)).toBe('INVALID_INPUT');
  });

  it('the supervisor is data: a unit’s own supervisor, else the county’s supervision office', async () => {
    const dir = (await cloud.dump()) as {
      collections: { units: { _id: string; supervisorId?: string | null }[]; settings: { _id: string; unitId?: string }[] };
    };
    expect(dir.collections.settings.find((x) => x._id === 'supervision')).toMatchObject({ unitId: 'unit-ducha' });
    // 人社局 names its own supervisor in the demo county
    expect(dir.collections.units.find((u) => u._id === 'unit-renshe')?.supervisorId).toBe('unit-jijian3');
    const s = await cloud.ok(
      R1,
      'request',
      'submit',
      complaint({ aboutUnit: true, scene: 'c-renshe-01', content: '人社局窗口人员态度恶劣' }),
    );
    const d = await cloud.ok(ADMIN, 'request', 'detail', { id: s.id });
    expect(d.unitName).toBe('县纪委监委第三派驻纪检监察组');
  });

  it('the card’s 监督电话 names the unit a complaint about it goes to', async () => {
    expect((await cloud.ok(R1, 'county', 'card', { scene: 'c-zhujian-01' })).supervisorName).toBe('县政府督查室');
    expect((await cloud.ok(R1, 'county', 'card', { scene: 'c-renshe-01' })).supervisorName).toBe('县纪委监委第三派驻纪检监察组');
  });

  it('“投诉该单位” needs a card (a unit to accuse), and only a 投诉 can be one', async () => {
    const noCard = await cloud.raw(R1, 'request', {
      action: 'submit',
      ...complaint({ aboutUnit: true, scene: undefined, regionId: 'vil-hexi' }),
    });
    expect(code(noCard)).toBe('INVALID_INPUT');
    const notComplaint = await cloud.raw(R1, 'request', { action: 'submit', ...complaint({ aboutUnit: true, category: '咨询' }) });
    expect(code(notComplaint)).toBe('INVALID_INPUT');
  });
});

describe('item 5: who may see a confidential petitioner', () => {
  it('the dispatcher reveals a confidential petitioner’s contact with a stated reason, audited; the petitioner sees who looked', async () => {
    const s = await cloud.ok(
      R1,
      'request',
      'submit',
      complaint({
        aboutUnit: true,
        confidential: true,
        content: '住建局执法人员吃拿卡要',
        contactName: '欧阳保密',
        contactPhone: '13800007771',
      }),
    );
    const before = await cloud.ok(ADMIN, 'request', 'detail', { id: s.id });
    expect(before.petitioner).toEqual({ name: '保密', phone: '保密' });
    expect(code(await cloud.raw(ADMIN, 'admin', { action: 'reveal', id: s.id }))).toBe('INVALID_INPUT');
    const got = await cloud.ok(ADMIN, 'admin', 'reveal', { id: s.id, reason: '需当面核实被投诉人员身份' });
    expect(got).toEqual({ name: '欧阳保密', phone: '13800007771' });
    const mine = await cloud.ok(R1, 'request', 'detail', { id: s.id });
    expect(mine.viewers).toEqual([{ role: '调度中心', unit: '县信访局', at: expect.any(Number) }]);
    expect(mine.version).toBe(before.version + 1);
    // staff are not shown the list; the handling unit still may not unmask a confidential petitioner
    expect((await cloud.ok(DUCHA, 'request', 'detail', { id: s.id })).viewers).toBeNull();
    expect(code(await cloud.raw(DUCHA, 'request', { action: 'unmask', id: s.id }))).toBe('FORBIDDEN');
    // the reason is on the record
    const dump = (await cloud.dump()) as {
      collections: { requests: { _id: string; events: { type: string; note: string | null; actorId: string }[] }[] };
    };
    expect(dump.collections.requests.find((r) => r._id === s.id)!.events.at(-1)).toMatchObject({
      type: 'reveal',
      note: '需当面核实被投诉人员身份',
      actorId: ADMIN,
    });
  });

  it('each look by the handling unit is listed for the petitioner too', async () => {
    const s = await cloud.ok(R2, 'request', 'submit', complaint({ aboutUnit: false }));
    await cloud.ok(ZHUJIAN, 'request', 'unmask', { id: s.id });
    const mine: RequestDetail = await cloud.ok(R2, 'request', 'detail', { id: s.id });
    expect(mine.viewers).toEqual([{ role: '干部', unit: '县住建局', at: expect.any(Number) }]);
  });

  it('nobody in the accused unit can ever see the complainant', async () => {
    const s = await cloud.ok(R1, 'request', 'submit', complaint({ aboutUnit: true, content: '住建局干部吃拿卡要' }));
    for (const action of ['detail', 'unmask', 'duplicates']) {
      expect([action, code(await cloud.raw(ZHUJIAN, 'request', { action, id: s.id }))]).toEqual([action, 'NOT_FOUND']);
    }
    expect(code(await cloud.raw(ZHUJIAN, 'admin', { action: 'reveal', id: s.id, reason: '想知道是谁投诉的' }))).toBe('FORBIDDEN');
  });
});

describe('item 3: when the accused unit is the dispatcher (县信访局) itself', () => {
  it('a complaint about 信访局 goes to its supervisor; 信访局’s admins find it in no list and cannot open it', async () => {
    const s = await cloud.ok(
      R1,
      'request',
      'submit',
      complaint({
        scene: 'c-xinfang-01',
        aboutUnit: true,
        content: '信访局接访人员态度冷漠拒绝登记',
        contactName: '欧阳来访',
        contactPhone: '13800007775',
      }),
    );
    expect(s.status).toBe('assigned');
    const seen = await cloud.ok(DUCHA, 'request', 'detail', { id: s.id });
    expect(seen.unitName).not.toBe('县信访局');
    expect(code(await cloud.raw(ADMIN, 'request', { action: 'detail', id: s.id }))).toBe('NOT_FOUND');
    expect(code(await cloud.raw(ADMIN, 'admin', { action: 'reveal', id: s.id, reason: '核实情况' }))).not.toBe('OK');
    const lists = JSON.stringify([await cloud.ok(ADMIN, 'admin', 'queue', {}), await cloud.ok(ADMIN, 'admin', 'overdue', {})]);
    expect(lists).not.toContain(s.id);
    expect(lists).not.toContain('拒绝登记');
  });
});
