/** Cards, the directory, invites and binding through the real functions. */
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, R1, RENSHE, ZHUJIAN } from '../helpers/demo';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

describe('连心卡', () => {
  it('shows everything S7.2 asks for from the scene key of its code', async () => {
    const card = await cloud.ok(R1, 'county', 'card', { scene: 'c-renshe-01' });
    expect(card).toMatchObject({
      unitName: '县人社局',
      responsible: expect.stringContaining('李建国'),
      phone: '0000-6612345',
      supervisionPhone: '0000-6612300',
    });
    expect(card.scope).toContain('社保');
    expect(card.duties).toContain('一次性告知');
  });
  it('says plainly when a card is unknown', async () => {
    const res = await cloud.call(R1, 'county', 'card', { scene: 'c-nothing-99' });
    expect(res).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '这张连心卡已失效或不存在，请联系发卡单位' } });
  });
  it('gives a cadre the printable 小程序码 of their own unit’s card, carrying its scene key', async () => {
    const code = await cloud.ok(RENSHE, 'county', 'cardCode', { cardId: 'card-renshe-1' });
    expect(code.scene).toBe('c-renshe-01');
    const png = Buffer.from(code.image.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(500);
    const other = await cloud.call(ZHUJIAN, 'county', 'cardCode', { cardId: 'card-renshe-1' });
    expect(other).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到本单位的这张连心卡' } });
  });

  it('lists a cadre’s own unit cards', async () => {
    const cards = await cloud.ok(ZHUJIAN, 'county', 'unitCards', {});
    expect(cards.map((c) => c.scene)).toEqual(['c-zhujian-01']);
  });
});

describe('directory', () => {
  it('lists towns, then the villages of one town', async () => {
    const towns = await cloud.ok(R1, 'county', 'regions', {});
    expect(towns.map((t) => t.name)).toEqual(expect.arrayContaining(['城关镇', '石门镇', '东城街道']));
    expect(towns.every((t) => t.parentId === null)).toBe(true);
    const villages = await cloud.ok(R1, 'county', 'regions', { parentId: 'town-chengguan' });
    expect(villages.map((v) => v.name).sort()).toEqual(['桃园村', '河西村'].sort());
  });
  it('lists units for cadres choosing where to transfer', async () => {
    const units = await cloud.ok(RENSHE, 'county', 'units', {});
    expect(units.map((u) => u.name)).toContain('县住建局');
  });
});

describe('binding a cadre with an invite code', () => {
  it('makes a resident a cadre of the unit, once', async () => {
    const newcomer = 'test-new-cadre';
    expect((await cloud.ok(newcomer, 'user', 'me', {})).roles).toEqual(['resident']);
    const invite = await cloud.ok(ADMIN, 'admin', 'createInvite', { unitId: 'unit-shuiwu', level: '窗口工作人员' });
    expect(invite.code).toMatch(/^[2-9A-Z]{8}$/);
    const me = await cloud.ok(newcomer, 'user', 'bindInvite', { code: invite.code.toLowerCase(), name: '钱水清' });
    expect(me).toMatchObject({
      roles: ['resident', 'cadre'],
      unitId: 'unit-shuiwu',
      unitName: '县水务公司',
      name: '钱水清',
      level: '窗口工作人员',
    });
    const inbox = await cloud.ok(newcomer, 'request', 'inbox', { box: 'todo' });
    expect(inbox.items).toEqual([]);
    const second = await cloud.call('test-someone-else', 'user', 'bindInvite', { code: invite.code, name: '冒用者' });
    expect(second).toEqual({ ok: false, error: { code: 'CONFLICT', message: '这个邀请码已经被使用，请向单位管理员重新申请' } });
    expect((await cloud.ok('test-someone-else', 'user', 'me', {})).roles).toEqual(['resident']);
  });
  it('says plainly when a code does not exist, and changes nothing', async () => {
    const before = await cloud.dump();
    const res = await cloud.call('test-typo', 'user', 'bindInvite', { code: 'ZZZZZZZZ', name: '张三' });
    expect(res).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '邀请码不存在，请向单位管理员核对' } });
    expect(await cloud.dump()).toEqual(before);
  });
});

describe('the county calendar', () => {
  it('lets an admin enter a day the holiday package does not know yet, and deadlines follow it', async () => {
    const days = await cloud.ok(ADMIN, 'admin', 'setCalendarDay', { date: '2027-01-01', work: false, name: '元旦' });
    expect(days).toEqual([{ date: '2027-01-01', work: false, name: '元旦', packageWork: true }]);
    const bad = await cloud.call(ADMIN, 'admin', 'setCalendarDay', { date: '2027-02-30', work: false, name: '不存在' });
    expect(bad).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '没有这一天，请核对日期' } });
    const notAdmin = await cloud.call(R1, 'admin', 'setCalendarDay', { date: '2027-01-04', work: false, name: '休息' });
    expect(notAdmin.ok ? 'ok' : notAdmin.error.code).toBe('FORBIDDEN');
    // The functions read the calendar with the county's other rules (cached for a minute).
    const { loadDirectory } = await import('../../server/directoryCache');
    const { calendar } = await loadDirectory();
    expect(calendar.deadline(Date.parse('2026-12-31T10:00:00+08:00'), { unit: 'workingDays', n: 1 })).toBe(
      Date.parse('2027-01-04T23:59:59.999+08:00'),
    );
    expect(await cloud.ok(ADMIN, 'admin', 'removeCalendarDay', { date: '2027-01-01' })).toEqual([]);
  });
});
