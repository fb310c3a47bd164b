/** Every request action through the real functions on the emulator, as the people who use them. */
import type { RequestDetail, SubmitInput } from '../../typings';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, R2, RENSHE, ZHUJIAN } from '../helpers/demo';

let cloud: TestCloud;
let seq = 0;
useCloud((c) => (cloud = c));

const base = (over: Partial<SubmitInput> = {}): SubmitInput => ({
  clientId: `test-client-${(seq += 1).toString().padStart(4, '0')}`,
  category: '咨询',
  content: '请问灵活就业人员怎样缴纳养老保险？',
  scene: 'c-renshe-01',
  confidential: false,
  mayContact: true,
  contactName: '王秀英',
  contactPhone: '13800001234',
  ...over,
});
const v = (d: { id: string; version: number }) => ({ id: d.id, version: d.version });
const submitted = async (openid: string, over: Partial<SubmitInput> = {}) => {
  const s = await cloud.ok(openid, 'request', 'submit', base(over));
  return cloud.ok(openid, 'request', 'detail', { id: s.id });
};

describe('submitting', () => {
  it('routes a card request to the card’s unit with a number and a due date from the county policy', async () => {
    const res = await cloud.ok(R1, 'request', 'submit', base());
    expect(res.status).toBe('assigned');
    expect(res.no).toMatch(/^\d{8}-[2-9A-Z]{6}$/);
    expect(res.duplicate).toBe(false);
    const d = await cloud.ok(R1, 'request', 'detail', { id: res.id });
    expect(d.unitName).toBe('县人社局');
    expect(d.timeline.map((t) => t.type)).toEqual(['submit']);
    expect(d.answerDueAt).toBeGreaterThan(d.acceptDueAt);
    expect(d.dueAt).toBe(d.acceptDueAt); // what binds now: signing for it
    expect(d.policyLabel).toContain('7个工作日');
    expect(d.can).toEqual(['withdraw']);
    const inbox = await cloud.ok(RENSHE, 'request', 'inbox', { box: 'todo' });
    expect(inbox.items.map((i) => i.id)).toContain(res.id);
  });

  it('routes a request without a card by the catalogue: a village goes to its town', async () => {
    const d = await submitted(R1, { scene: undefined, regionId: 'vil-taoyuan', category: '求助' });
    expect(d.status).toBe('assigned');
    expect(d.unitName).toBe('城关镇人民政府');
    expect(d.regionName).toBe('桃园村');
  });

  it('leaves a request with no matching rule for the dispatcher', async () => {
    const d = await submitted(R2, { scene: undefined, regionId: 'com-anju' });
    expect(d.status).toBe('submitted');
    expect(d.unitName).toBeNull();
    const queue = await cloud.ok(ADMIN, 'admin', 'queue', {});
    expect(queue.items.map((i) => i.id)).toContain(d.id);
  });

  it('is idempotent: the same client id twice gives the same request, once', async () => {
    const input = base();
    const first = await cloud.ok(R1, 'request', 'submit', input);
    const again = await cloud.ok(R1, 'request', 'submit', input);
    expect(again.id).toBe(first.id);
    expect(again.no).toBe(first.no);
    expect(again.duplicate).toBe(true);
    const all = await cloud.ok(R1, 'request', 'mine', {});
    expect(all.items.filter((i) => i.id === first.id)).toHaveLength(1);
  });

  it('uses the complaint policy (15 working days) for 投诉', async () => {
    const consult = await submitted(R1);
    const complaint = await submitted(R1, { category: '投诉', scene: 'c-zhujian-01' });
    expect(complaint.answerDueAt - complaint.createdAt).toBeGreaterThan(consult.answerDueAt - consult.createdAt);
    expect(complaint.policyLabel).toContain('15个工作日');
  });
});

describe('who sees what', () => {
  it('hides one resident’s request from another and from other units: NOT_FOUND, not FORBIDDEN', async () => {
    const d = await submitted(R1);
    for (const who of [R2, ZHUJIAN, CHENGGUAN]) {
      const res = await cloud.call(who, 'request', 'detail', { id: d.id });
      expect(res.ok ? 'ok' : res.error.code).toBe('NOT_FOUND');
    }
    expect((await cloud.call(RENSHE, 'request', 'detail', { id: d.id })).ok).toBe(true);
  });

  it('shows the handling cadre a masked name and phone, never the full number', async () => {
    const d = await submitted(R1);
    const seen = await cloud.ok(RENSHE, 'request', 'detail', { id: d.id });
    expect(seen.petitioner).toEqual({ name: '王**', phone: '138****1234' });
    expect(JSON.stringify(seen)).not.toContain('13800001234');
    expect(JSON.stringify(seen)).not.toContain('王秀英');
    expect(JSON.stringify(seen)).not.toContain(R1);
  });

  it('shows 保密 for a confidential request; a complaint about a unit never reaches that unit, a complaint to it shows the petitioner masked', async () => {
    const secret = await submitted(R1, { confidential: true });
    expect((await cloud.ok(RENSHE, 'request', 'detail', { id: secret.id })).petitioner).toEqual({ name: '保密', phone: '保密' });
    const about = await submitted(R1, { category: '投诉', scene: 'c-zhujian-01', aboutUnit: true });
    const refused = await cloud.call(ZHUJIAN, 'request', 'detail', { id: about.id });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('NOT_FOUND');
    expect(JSON.stringify(refused)).not.toMatch(/13800001234|王秀英|138\*\*\*\*1234/);
    const to = await submitted(R1, { category: '投诉', scene: 'c-zhujian-01', aboutUnit: false });
    expect((await cloud.ok(ZHUJIAN, 'request', 'detail', { id: to.id })).petitioner).toEqual({ name: '王**', phone: '138****1234' });
  });

  it('shows the resident only their own requests in 我的诉求', async () => {
    const mine = await submitted(R2, { contactName: '陈大山', contactPhone: '13800005678' });
    const list1 = await cloud.ok(R1, 'request', 'mine', {});
    expect(list1.items.map((i) => i.id)).not.toContain(mine.id);
    const list2 = await cloud.ok(R2, 'request', 'mine', {});
    expect(list2.items.map((i) => i.id)).toContain(mine.id);
  });
});

describe('handling', () => {
  it('goes 签收 → 答复 → 评价 with one audit event per change, in order', async () => {
    const d = await submitted(R1);
    const accepted = await cloud.ok(RENSHE, 'request', 'accept', v(d));
    expect(accepted.status).toBe('accepted');
    expect(accepted.can).toEqual(['reply', 'return', 'transfer', 'reject', 'merge', 'extendAsk', 'pause']);
    const replied = await cloud.ok(RENSHE, 'request', 'reply', {
      ...v(accepted),
      reply: '可以在县人社局窗口或手机App办理，带身份证即可。',
    });
    expect(replied.status).toBe('replied');
    const residentView = await cloud.ok(R1, 'request', 'detail', { id: d.id });
    expect(residentView.reply).toContain('身份证');
    expect(residentView.can).toEqual(['rate']);
    const rated = await cloud.ok(R1, 'request', 'rate', { ...v(residentView), resolved: true, score: 4, comment: '满意' });
    expect(rated.status).toBe('closed');
    expect(rated.rating?.score).toBe(4);
    expect(rated.timeline.map((t) => [t.type, t.fromStatus, t.toStatus])).toEqual([
      ['submit', null, 'assigned'],
      ['accept', 'assigned', 'accepted'],
      ['reply', 'accepted', 'replied'],
      ['rate', 'replied', 'closed'],
    ]);
    expect(rated.timeline[1]!.actor).toBe('县人社局');
    const done = await cloud.ok(RENSHE, 'request', 'inbox', { box: 'done' });
    expect(done.items.map((i) => i.id)).toContain(d.id);
  });

  it('refuses a stale version (compare-and-set) and changes nothing', async () => {
    const d = await submitted(R1);
    await cloud.ok(RENSHE, 'request', 'accept', v(d));
    const before = await cloud.dump();
    const stale = await cloud.call(RENSHE, 'request', 'accept', v(d));
    expect(stale.ok ? 'ok' : stale.error.code).toBe('CONFLICT');
    expect(await cloud.dump()).toEqual(before);
  });

  it('lets only the handling unit act, and only the requester rate or withdraw', async () => {
    const d = await submitted(R1);
    const other = await cloud.call(ZHUJIAN, 'request', 'accept', v(d));
    expect(other.ok ? 'ok' : other.error.code).toBe('NOT_FOUND');
    const resident = await cloud.call(R1, 'request', 'accept', v(d));
    expect(resident.ok ? 'ok' : resident.error.code).toBe('FORBIDDEN');
    const cadreWithdraw = await cloud.call(RENSHE, 'request', 'withdraw', v(d));
    expect(cadreWithdraw.ok ? 'ok' : cadreWithdraw.error.code).toBe('FORBIDDEN');
  });

  it('退单: returns to the dispatcher, who re-dispatches it to the right unit', async () => {
    const d = await submitted(R1, {
      scene: undefined,
      regionId: 'vil-taoyuan',
      category: '求助',
      content: '桃园村自来水很浑浊，请帮忙处理。',
    });
    const returned = await cloud.ok(CHENGGUAN, 'request', 'return', { ...v(d), reason: '供水属县水务公司职责，请改派。' });
    expect(returned.status).toBe('returned');
    expect((await cloud.call(CHENGGUAN, 'request', 'detail', { id: d.id })).ok).toBe(false);
    const queue = await cloud.ok(ADMIN, 'admin', 'queue', {});
    expect(queue.items.map((i) => i.id)).toContain(d.id);
    const atDesk = await cloud.ok(ADMIN, 'request', 'detail', { id: d.id });
    expect(atDesk.timeline.at(-1)?.note).toContain('县水务公司');
    const dispatched = await cloud.ok(ADMIN, 'admin', 'dispatch', { ...v(atDesk), unitId: 'unit-zhujian', note: '请住建局牵头' });
    expect(dispatched.status).toBe('assigned');
    expect(dispatched.unitName).toBe('县住建局');
    expect((await cloud.ok(ZHUJIAN, 'request', 'inbox', { box: 'todo' })).items.map((i) => i.id)).toContain(d.id);
  });

  it('转办: hands it to another unit, which must sign for it; the first unit loses sight of it', async () => {
    const d = await submitted(R1);
    const moved = await cloud.ok(RENSHE, 'request', 'transfer', { ...v(d), unitId: 'unit-zhujian', reason: '属于住建局职责范围' });
    expect(moved.status).toBe('assigned');
    expect(moved.unitName).toBe('县住建局');
    expect(moved.timeline.at(-1)?.type).toBe('transfer');
    const gone = await cloud.call(RENSHE, 'request', 'detail', { id: d.id });
    expect(gone.ok ? 'ok' : gone.error.code).toBe('NOT_FOUND');
    const self = await cloud.call(ZHUJIAN, 'request', 'transfer', { ...v(moved), unitId: 'unit-zhujian', reason: '转给本单位试试' });
    expect(self.ok ? 'ok' : self.error.code).toBe('INVALID_INPUT');
  });

  it('撤回 is possible before the answer and not after', async () => {
    const d = await submitted(R1);
    const w = await cloud.ok(R1, 'request', 'withdraw', { ...v(d), reason: '问题已解决' });
    expect(w.status).toBe('withdrawn');
    expect(w.can).toEqual([]);
    const e = await submitted(R1);
    const a = await cloud.ok(RENSHE, 'request', 'accept', v(e));
    const r = await cloud.ok(RENSHE, 'request', 'reply', { ...v(a), reply: '已经为您办理完毕。' });
    const late = await cloud.call(R1, 'request', 'withdraw', v(r));
    expect(late.ok ? 'ok' : late.error.code).toBe('CONFLICT');
  });
});

describe('lists', () => {
  it('paginate by cursor, newest first, with no repeats', async () => {
    const fresh = 'demo-resident-paging';
    const ids: string[] = [];
    for (let i = 0; i < 23; i += 1) ids.push((await cloud.ok(fresh, 'request', 'submit', base())).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await cloud.ok(fresh, 'request', 'mine', cursor ? { cursor } : {});
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.cursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('refuse a cursor they did not write, instead of answering the first page', async () => {
    const forged = [Buffer.from('[1,2]').toString('base64url'), 'not a cursor', Buffer.from('{"t":1}').toString('base64url')];
    for (const cursor of forged) {
      const res = await cloud.call(R1, 'request', 'mine', { cursor });
      expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '翻页位置不正确，请刷新列表后重试' } });
    }
  });

  it('list items carry no content or contact details', async () => {
    await submitted(R1);
    const page = await cloud.ok(RENSHE, 'request', 'inbox', { box: 'todo' });
    const text = JSON.stringify(page);
    expect(text).not.toContain('13800001234');
    expect(text).not.toContain('王秀英');
  });
});

export type { RequestDetail };
