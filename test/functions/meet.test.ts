/**
 * Issue 12 (S4 接访) through the real functions: rosters generated from the county's rules (data)
 * over the working-day calendar — a holiday Thursday, 调休 Saturdays, a sensitive period — with
 * rotation month to month, a swap, publishing; residents read 今日接访 / 本周接访 from the home
 * page and a card, a leader their own days.
 */
import type { RosterView } from '../../typings';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, RENSHE } from '../helpers/demo';
import { DEMO } from '../../scripts/demo-county';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const countyToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const dates = (r: RosterView) => r.days.map((d) => d.date.slice(8));
const dump = async () => JSON.stringify(await cloud.dump());

describe('reception rosters (S4.2)', () => {
  test('county leaders every working Thursday, in rotation; 国庆 as a sensitive period adds every day of it', async () => {
    let r = await cloud.ok(ADMIN, 'meet', 'generate', { scope: 'county', month: '2026-10' });
    // 2026-10-01 is a Thursday and a holiday: no reception; the other Thursdays are
    expect(dates(r)).toEqual(['08', '15', '22', '29']);
    expect(r.days.map((d) => d.leaderName)).toEqual(['陈建华', '林志远', '陈建华', '林志远']);
    expect(r).toMatchObject({ status: 'draft', scopeName: '县领导', place: '县信访局接待大厅', rule: '县领导轮流接访' });
    expect(r.days.every((d) => d.weekday === '周四' && !d.sensitive)).toBe(true);

    const periods = await cloud.ok(ADMIN, 'meet', 'setPeriod', { name: '国庆节', from: '2026-10-01', to: '2026-10-07' });
    expect(periods.map((p) => p.name)).toContain('国庆节');
    r = await cloud.ok(ADMIN, 'meet', 'generate', { scope: 'county', month: '2026-10' });
    expect(dates(r)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '15', '22', '29']);
    expect(r.days.filter((d) => d.sensitive).map((d) => d.date.slice(8))).toEqual(['01', '02', '03', '04', '05', '06', '07']);
    expect(r.version).toBe(1);

    // a bad range changes nothing
    const before = await dump();
    expect(code(await cloud.call(ADMIN, 'meet', 'setPeriod', { name: '错误时期', from: '2026-10-09', to: '2026-10-01' }))).toBe(
      'INVALID_INPUT',
    );
    expect(await dump()).toBe(before);
    // the next month goes on with the leader after October's last
    const nov = await cloud.ok(ADMIN, 'meet', 'generate', { scope: 'county', month: '2026-11' });
    expect(nov.days[0]!.leaderName).toBe(r.days.at(-1)!.leaderName === '陈建华' ? '林志远' : '陈建华');
  });

  test('towns every day, heavy departments every working day (调休 Saturday in, 国庆 out), others once a week', async () => {
    const town = await cloud.ok(ADMIN, 'meet', 'generate', { scope: 'unit-chengguan', month: '2026-10' });
    expect(town.days).toHaveLength(31);
    expect(new Set(town.days.map((d) => d.leaderName))).toEqual(new Set(['孙丽']));

    const heavy = await cloud.ok(ADMIN, 'meet', 'generate', { scope: 'unit-renshe', month: '2026-10' });
    expect(dates(heavy)).toEqual([
      '08',
      '09',
      '10',
      '12',
      '13',
      '14',
      '15',
      '16',
      '19',
      '20',
      '21',
      '22',
      '23',
      '26',
      '27',
      '28',
      '29',
      '30',
    ]);
    expect(heavy.days.find((d) => d.date === '2026-10-10')!.weekday).toBe('周六');
    // only leader-level cadres receive: the 人社局's head, never its window staff
    expect(heavy.leaders.map((l) => l.name)).toEqual(['王局长']);
    expect(JSON.stringify(heavy)).not.toContain(RENSHE);

    const weekly = await cloud.ok(ADMIN, 'meet', 'generate', { scope: 'unit-ducha', month: '2026-10' });
    expect(dates(weekly)).toEqual(['08', '12', '19', '26']);

    // a unit with no leader to put on it, and no such unit
    expect(code(await cloud.call(ADMIN, 'meet', 'generate', { scope: 'unit-shuiwu', month: '2026-10' }))).toBe('CONFLICT');
    expect(code(await cloud.call(ADMIN, 'meet', 'generate', { scope: 'unit-nowhere', month: '2026-10' }))).toBe('INVALID_INPUT');
    expect(code(await cloud.call(ADMIN, 'meet', 'generate', { scope: 'county', month: '2026-13' }))).toBe('INVALID_INPUT');
    expect(code(await cloud.call(CHENGGUAN, 'meet', 'generate', { scope: 'county', month: '2026-10' }))).toBe('FORBIDDEN');

    const setup = await cloud.ok(ADMIN, 'meet', 'rosterSetup', {});
    expect(setup.rules.map((x) => x.label)).toEqual(expect.arrayContaining(['县领导轮流接访', '镇（街道）领导每日接访']));
    expect(setup.scopes[0]).toEqual({ id: 'county', name: '县领导', rule: '县领导轮流接访' });
    expect(setup.scopes.find((s) => s.id === 'unit-renshe')!.rule).toBe('信访任务较重部门每个工作日接访');
  });

  test('a swap for a leader who is away, publishing, and 今日接访 / 本周接访 on the home page, a card and the leader’s own days', async () => {
    const today = countyToday();
    const month = today.slice(0, 7);
    // today is surely a county reception day: a sensitive period over it
    await cloud.ok(ADMIN, 'meet', 'setPeriod', { name: '重要会议期间', from: today, to: today });
    let r = await cloud.ok(ADMIN, 'meet', 'generate', { scope: 'county', month });
    const day = r.days.find((d) => d.date === today)!;
    expect(day.sensitive).toBe(true);
    const other = r.leaders.find((l) => l.key !== day.leaderKey)!;

    // nothing is shown before publishing
    expect((await cloud.ok(R1, 'meet', 'board', {})).receptions).toEqual([]);

    expect(
      code(await cloud.call(ADMIN, 'meet', 'swap', { rosterId: r.id, version: r.version + 5, date: today, leaderKey: other.key })),
    ).toBe('CONFLICT');
    expect(
      code(await cloud.call(ADMIN, 'meet', 'swap', { rosterId: r.id, version: r.version, date: today, leaderKey: '0123456789abcdef' })),
    ).toBe('INVALID_INPUT');
    r = await cloud.ok(ADMIN, 'meet', 'swap', { rosterId: r.id, version: r.version, date: today, leaderKey: other.key });
    expect(r.days.find((d) => d.date === today)!.leaderName).toBe(other.name);

    r = await cloud.ok(ADMIN, 'meet', 'publish', { rosterId: r.id, version: r.version });
    expect(r.status).toBe('published');
    expect(code(await cloud.call(ADMIN, 'meet', 'publish', { rosterId: r.id, version: r.version }))).toBe('CONFLICT');
    expect(code(await cloud.call(ADMIN, 'meet', 'generate', { scope: 'county', month }))).toBe('CONFLICT');
    const town = await cloud.ok(ADMIN, 'meet', 'generate', { scope: 'unit-chengguan', month });
    await cloud.ok(ADMIN, 'meet', 'publish', { rosterId: town.id, version: town.version });

    const home = await cloud.ok(R1, 'meet', 'board', {});
    expect(home.today).toBe(today);
    expect(home.receptions.map((x) => [x.unitName, x.leaderName])).toEqual([
      ['县领导', other.name],
      ['城关镇人民政府', '孙丽'],
    ]);
    expect(home.receptions[0]).toMatchObject({ county: true, sensitive: true, place: '县信访局接待大厅', hours: '08:30–12:00' });
    expect(home.week.some((x) => x.date === today && x.county)).toBe(true);
    expect(home.week.every((x) => x.county)).toBe(true);
    expect(home.mine).toEqual([]);

    // from a card: its unit's week and the county leaders'
    const card = await cloud.ok(R1, 'meet', 'board', { scene: 'c-chengguan-01' });
    expect(card.week.filter((x) => !x.county).every((x) => x.unitName === '城关镇人民政府')).toBe(true);
    expect(card.receptions.map((x) => x.unitName)).toEqual(['县领导', '城关镇人民政府']);
    expect(code(await cloud.call(R1, 'meet', 'board', { scene: 'c-nowhere-00' }))).toBe('NOT_FOUND');

    // the leader sees their own days; a swap after publishing moves what residents read too
    const otherId = other.name === '陈建华' ? DEMO.leader1 : DEMO.leader2;
    const back = otherId === DEMO.leader1 ? DEMO.leader2 : DEMO.leader1;
    expect((await cloud.ok(otherId, 'meet', 'board', {})).mine[0]).toMatchObject({ date: today, unitName: '县领导' });
    expect((await cloud.ok(CHENGGUAN, 'meet', 'board', {})).mine[0]).toMatchObject({ date: today, unitName: '城关镇人民政府' });
    r = await cloud.ok(ADMIN, 'meet', 'swap', { rosterId: r.id, version: r.version, date: today, leaderKey: day.leaderKey });
    expect((await cloud.ok(R1, 'meet', 'board', {})).receptions[0]!.leaderName).toBe(day.leaderName);
    expect((await cloud.ok(back, 'meet', 'board', {})).mine[0]).toMatchObject({ date: today });
    expect((await cloud.ok(otherId, 'meet', 'board', {})).mine.some((x) => x.date === today && x.county)).toBe(false);
    // no openid reaches a resident
    expect(JSON.stringify(await cloud.ok(R1, 'meet', 'board', {}))).not.toMatch(/demo-/);
  });
});
