/** 连心卡 per cadre (S7.1–7.3, issue 14): issuing, editing (compare-and-set, audit), revoking, what a scan shows. */
import { db } from '../../server/db';
import { cadreCardKeys } from '../../server/domain/cardKeys';
import type { CardDoc } from '../../server/cards';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, RENSHE, RENSHE_HEAD, ZHUJIAN } from '../helpers/demo';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

const stored = async (id: string): Promise<CardDoc> =>
  ((await db.collection('cards').where({ _id: id }).get()) as unknown as { data: CardDoc[] }).data[0]!;

describe('a cadre’s own 连心卡', () => {
  it('shows the cadre’s name, unit, post, scope, duties and phones, and brings requests to their unit', async () => {
    const { mine, unit } = await cloud.ok(CHENGGUAN, 'county', 'myCards', {});
    expect(mine).toMatchObject({
      kind: 'cadre',
      name: '孙丽',
      post: '便民服务中心主任',
      unitName: '城关镇人民政府',
      canEdit: true,
      active: true,
    });
    expect(unit.map((c) => c.scene)).toEqual(['c-chengguan-01']);
    const scanned = await cloud.ok(R1, 'county', 'card', { scene: mine.scene });
    expect(scanned).toMatchObject({
      kind: 'cadre',
      name: '孙丽',
      post: '便民服务中心主任',
      phone: '0000-6634568',
      supervisionPhone: '0000-6634500',
    });
    const sent = await cloud.ok(R1, 'request', 'submit', {
      clientId: 'cards-cadre-000001',
      category: '咨询',
      scene: mine.scene,
      content: '请问低保申请需要哪些材料？',
      confidential: false,
      mayContact: false,
    });
    const detail = await cloud.ok(CHENGGUAN, 'request', 'detail', { id: sent.id });
    expect(detail.unitName).toBe('城关镇人民政府');
  });

  it('is issued the first time a cadre without one looks, once, from their name, unit and level', async () => {
    const keys = cadreCardKeys(ZHUJIAN);
    expect(await stored(keys._id)).toBeUndefined();
    const looks = await Promise.all([1, 2, 3].map(() => cloud.ok(ZHUJIAN, 'county', 'myCards', {})));
    expect(new Set(looks.map((l) => l.mine.id))).toEqual(new Set([keys._id]));
    expect(looks[0]!.mine).toMatchObject({ name: '赵明', post: '县直单位领导', unitName: '县住建局', phone: '0000-6623456', version: 1 });
    const doc = await stored(keys._id);
    expect(doc.events).toEqual([expect.objectContaining({ type: 'issue', actorId: ZHUJIAN })]);
  });
});

describe('changing a card', () => {
  it('its cadre edits it; the printed code shows the change at once; a stale version changes nothing; the trail masks phones', async () => {
    const { mine } = await cloud.ok(RENSHE, 'county', 'myCards', {});
    const edited = await cloud.ok(RENSHE, 'county', 'editCard', {
      cardId: mine.id,
      version: mine.version,
      fields: { post: '社保窗口科长', phone: '13800006611' },
    });
    expect(edited).toMatchObject({ post: '社保窗口科长', phone: '13800006611', version: mine.version + 1 });
    // S7.3 随时更新: the same scene, read at once (no cache in between).
    expect(await cloud.ok(R1, 'county', 'card', { scene: mine.scene })).toMatchObject({ post: '社保窗口科长', phone: '13800006611' });

    const before = await stored(mine.id);
    const stale = await cloud.call(RENSHE, 'county', 'editCard', { cardId: mine.id, version: mine.version, fields: { post: '别的职务' } });
    expect(stale.ok ? 'ok' : stale.error.code).toBe('CONFLICT');
    expect(await stored(mine.id)).toEqual(before);

    const edit = before.events!.find((e) => e.type === 'edit')!;
    expect(edit).toMatchObject({ actorId: RENSHE, changes: { post: { from: '社保窗口负责人', to: '社保窗口科长' } } });
    expect(edit.changes.phone!.to).toBe('138****6611');
    expect(JSON.stringify(before.events)).not.toContain('13800006611');
  });

  it('refuses what is not the card’s: another cadre’s card, a resident, a field of the other kind, a bad phone', async () => {
    const { mine } = await cloud.ok(CHENGGUAN, 'county', 'myCards', {});
    const before = await stored(mine.id);
    const other = await cloud.call(RENSHE_HEAD, 'county', 'editCard', { cardId: mine.id, version: mine.version, fields: { post: '镇长' } });
    expect(other.ok ? 'ok' : other.error).toEqual({ code: 'NOT_FOUND', message: '没有找到这张连心卡，或者您无权修改' });
    const resident = await cloud.call(R1, 'county', 'editCard', { cardId: mine.id, version: mine.version, fields: { post: '镇长' } });
    expect(resident.ok ? 'ok' : resident.error.code).toBe('FORBIDDEN');
    const stray = await cloud.call(CHENGGUAN, 'county', 'editCard', {
      cardId: mine.id,
      version: mine.version,
      fields: { responsible: '别人' },
    });
    expect(stray.ok ? 'ok' : stray.error).toEqual({ code: 'INVALID_INPUT', message: '这张连心卡没有“责任人”一项' });
    const phone = await cloud.call(CHENGGUAN, 'county', 'editCard', { cardId: mine.id, version: mine.version, fields: { phone: '12345' } });
    expect(phone.ok ? 'ok' : phone.error).toEqual({
      code: 'INVALID_INPUT',
      message: '电话请填写固定电话（如0000-6612345）或11位手机号码',
    });
    const risky = await cloud.call(CHENGGUAN, 'county', 'editCard', {
      cardId: mine.id,
      version: mine.version,
      fields: { duties: '敏感词测试的职责' },
    });
    expect(risky.ok ? 'ok' : risky.error.code).toBe('CONTENT_REJECTED');
    const nothing = await cloud.call(CHENGGUAN, 'county', 'editCard', { cardId: mine.id, version: mine.version, fields: {} });
    expect(nothing.ok ? 'ok' : nothing.error.code).toBe('INVALID_INPUT');
    expect(await stored(mine.id)).toEqual(before);
  });

  it('an admin sees a unit’s every card (issuing its cadres’ missing ones) and edits a unit’s card, issued before versions', async () => {
    await db
      .collection('cards')
      .doc('card-zhujian-1')
      .update({ data: { version: db.command.remove() } });
    const cards = await cloud.ok(ADMIN, 'county', 'cards', { unitId: 'unit-renshe' });
    expect(cards.map((c) => [c.kind, c.name ?? c.unitName])).toEqual([
      ['unit', '县人社局'],
      ...[
        ['cadre', '李建国', cadreCardKeys(RENSHE)._id],
        ['cadre', '王局长', cadreCardKeys(RENSHE_HEAD)._id],
      ]
        .sort((a, b) => (a[2]! < b[2]! ? -1 : 1))
        .map(([k, n]) => [k, n]),
    ]);
    expect(cards.every((c) => c.canEdit)).toBe(true);
    const again = await cloud.ok(ADMIN, 'county', 'cards', { unitId: 'unit-renshe' });
    expect(again.map((c) => c.id)).toEqual(cards.map((c) => c.id));

    const [zj] = await cloud.ok(ADMIN, 'county', 'cards', { unitId: 'unit-zhujian' });
    expect(zj).toMatchObject({ id: 'card-zhujian-1', version: 0 });
    const done = await cloud.ok(ADMIN, 'county', 'editCard', {
      cardId: 'card-zhujian-1',
      version: 0,
      fields: { responsible: '钱进（城建监察大队长）' },
    });
    expect(done.version).toBe(1);
    expect((await cloud.ok(R1, 'county', 'card', { scene: 'c-zhujian-01' })).responsible).toBe('钱进（城建监察大队长）');
    const unknown = await cloud.call(ADMIN, 'county', 'cards', { unitId: 'unit-nosuch' });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('INVALID_INPUT');
  });
});

describe('发放', () => {
  it('records copies handed out and to whom, once per clientId; the unit’s cadres hand out its cards, others cannot', async () => {
    const [card] = await cloud.ok(ADMIN, 'county', 'cards', { unitId: 'unit-chengguan' });
    expect(card).toMatchObject({ id: 'card-chengguan-1', handedOut: 0 });
    const input = { cardId: card!.id, version: card!.version, clientId: 'cards-hand-000001', copies: 200, to: '河西村村民大会' };
    const once = await cloud.ok(CHENGGUAN, 'county', 'handOut', input);
    expect(once).toMatchObject({ handedOut: 200, version: card!.version + 1, canEdit: false });
    // A retry after a lost reply (its version now stale) counts nothing twice.
    expect(await cloud.ok(CHENGGUAN, 'county', 'handOut', input)).toMatchObject({ handedOut: 200 });
    const more = await cloud.ok(ADMIN, 'county', 'handOut', {
      ...input,
      version: once.version,
      clientId: 'cards-hand-000002',
      copies: 50,
      to: '便民服务中心窗口',
    });
    expect(more.handedOut).toBe(250);
    const events = (await stored(card!.id)).events!.filter((e) => e.type === 'handOut');
    expect(events.map((e) => [e.actorId, e.note])).toEqual([
      [CHENGGUAN, 'cards-hand-000001 200张：河西村村民大会'],
      [ADMIN, 'cards-hand-000002 50张：便民服务中心窗口'],
    ]);
    const other = await cloud.call(RENSHE, 'county', 'handOut', { ...input, version: more.version, clientId: 'cards-hand-000003' });
    expect(other.ok ? 'ok' : other.error.code).toBe('NOT_FOUND');
    const stale = await cloud.call(ADMIN, 'county', 'handOut', { ...input, clientId: 'cards-hand-000004' });
    expect(stale.ok ? 'ok' : stale.error.code).toBe('CONFLICT');
  });
});

describe('a card taken out of use', () => {
  it('says so and leads to its unit: the unit’s card and phone, never the cadre’s; nothing goes through it', async () => {
    const { mine } = await cloud.ok(ZHUJIAN, 'county', 'myCards', {});
    const notAdmin = await cloud.call(ZHUJIAN, 'county', 'revokeCard', { cardId: mine.id, version: mine.version, reason: '已调离本单位' });
    expect(notAdmin.ok ? 'ok' : notAdmin.error.code).toBe('FORBIDDEN');
    const revoked = await cloud.ok(ADMIN, 'county', 'revokeCard', { cardId: mine.id, version: mine.version, reason: '已调离本单位' });
    expect(revoked).toMatchObject({ active: false, canEdit: false, revokeReason: '已调离本单位' });

    const scanned = await cloud.ok(R1, 'county', 'card', { scene: mine.scene });
    expect(scanned).toMatchObject({
      active: false,
      name: null,
      post: null,
      unitName: '县住建局',
      unitScene: 'c-zhujian-01',
      phone: '0000-6623456',
    });
    expect(JSON.stringify(scanned)).not.toContain('赵明');

    const through = await cloud.call(R1, 'request', 'submit', {
      clientId: 'cards-revoked-0001',
      category: '咨询',
      scene: mine.scene,
      content: '通过停用的卡咨询问题',
      confidential: false,
      mayContact: false,
    });
    expect(through.ok ? 'ok' : through.error.code).toBe('NOT_FOUND');
    const edit = await cloud.call(ADMIN, 'county', 'editCard', { cardId: mine.id, version: revoked.version, fields: { post: '科长' } });
    expect(edit.ok ? 'ok' : edit.error.message).toBe('这张连心卡已停用，不能再修改');
    // Its cadre's own list still shows it, out of use, with the reason.
    expect((await cloud.ok(ZHUJIAN, 'county', 'myCards', {})).mine).toMatchObject({ active: false, revokeReason: '已调离本单位' });
  });
});
