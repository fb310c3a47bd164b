/**
 * Issue 12 (S4 接访) through the real functions: rosters generated from the county's rules (data)
 * over the working-day calendar — a holiday Thursday, 调休 Saturdays, a sensitive period — with
 * rotation month to month, a swap, publishing; residents read 今日接访 / 本周接访 from the home
 * page and a card, a leader their own days. 约访: the booking rules, the last-seat race, cancel and
 * reschedule, the office's confirmation and proposal, the reminder, check-in, the 纪要's request, no-shows.
 */
import type { RosterView } from '../../typings';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, RENSHE, ZHUJIAN } from '../helpers/demo';
import { DEMO } from '../../scripts/demo-county';
import { loadDirectory } from '../../server/directoryCache';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const countyToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const dates = (r: RosterView) => r.days.map((d) => d.date.slice(8));
const dump = async () => JSON.stringify(await cloud.dump());
const runTimer = () => cloud.raw(null, 'timer', { Type: 'Timer', TriggerName: 'chase', Time: new Date().toISOString() });

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

// ---------------------------------------------------------------- 约访 (S4.4)

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let seq = 0;
const cid = (p: string) => `${p}-${(seq += 1).toString().padStart(5, '0')}`;
const LEADER = DEMO.leader1;
const R2 = DEMO.resident2;
/** A slot of leader 陈建华 `inHours` from now (the county's default rules unless given). */
const slot = (
  inHours: number,
  more: Partial<{ capacity: number; minNoticeHours: number; cancelHours: number; minutes: number; place: string }> = {},
) =>
  cloud.ok(LEADER, 'meet', 'openSlot', {
    clientId: cid('slot'),
    place: more.place ?? '县信访局领导接待室',
    startAt: Date.now() + inHours * HOUR,
    minutes: more.minutes ?? 60,
    capacity: more.capacity ?? 2,
    ...(more.minNoticeHours !== undefined ? { minNoticeHours: more.minNoticeHours } : {}),
    ...(more.cancelHours !== undefined ? { cancelHours: more.cancelHours } : {}),
  });
const book = (who: string, slotId: string, clientId = cid('book'), more: { requestId?: string } = {}) =>
  cloud.call(who, 'meet', 'book', {
    clientId,
    slotId,
    topic: '村里的灌溉水渠年久失修，想当面向领导反映',
    contactName: who === R1 ? '王秀英' : '陈大山',
    contactPhone: who === R1 ? '13800001234' : '13800005678',
    ...more,
  });
const booked = async (who: string, slotId: string) => {
  const r = await book(who, slotId);
  if (!r.ok) throw new Error(`book: ${r.error.code} ${r.error.message}`);
  return r.data;
};
const message = (e: { ok: boolean; error?: { message: string } }) => (e.ok ? 'OK' : e.error!.message);
type Stored = Record<string, unknown> & { _id: string };
const stored = async (coll: string, id: string) =>
  ((await cloud.dump()) as { collections: Record<string, Stored[]> }).collections[coll]!.find((d) => d._id === id)!;

describe('约访 (S4.4)', () => {
  test('booking rules: notice, horizon, capacity, one booking per person and slot; only leaders open slots', async () => {
    expect(
      code(
        await cloud.call(RENSHE, 'meet', 'openSlot', { clientId: cid('slot'), place: '人社局', startAt: Date.now() + DAY, minutes: 30 }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      message(
        await cloud.call(LEADER, 'meet', 'openSlot', { clientId: cid('slot'), place: '接待室', startAt: Date.now() - HOUR, minutes: 30 }),
      ),
    ).toBe('约访时间应在现在之后');
    const soon = await slot(2);
    expect(soon).toMatchObject({ minNoticeHours: 24, horizonDays: 30, cancelHours: 12, leaderName: '陈建华', unitName: '县领导', left: 2 });
    expect(message(await book(R1, soon.id))).toBe('约访请至少提前24小时预约');
    const far = await slot(40 * 24);
    expect(message(await book(R1, far.id))).toBe('只能预约30天以内的约访');

    const one = await slot(72, { capacity: 1 });
    const a = await booked(R1, one.id);
    expect(a).toMatchObject({ status: 'booked', duplicate: false, slot: { left: 0 } });
    expect(message(await book(R2, one.id))).toBe('这个时段已约满，请选择其他时段');

    const two = await slot(96);
    const first = await book(R1, two.id, 'same-client-0001');
    const retry = await book(R1, two.id, 'same-client-0001');
    expect(retry.ok && first.ok && retry.data.id === first.data.id && retry.data.duplicate).toBe(true);
    const before = await dump();
    expect(message(await book(R1, two.id))).toBe('您已经预约了这个时段，不能重复预约');
    expect(await dump()).toBe(before);
    expect((await stored('meet_slots', two.id)).booked).toBe(1);

    // a request to link must be the resident's own
    const theirs = await cloud.ok(R2, 'request', 'submit', {
      clientId: cid('request'),
      category: '求助',
      content: '幸福社区的路灯坏了一个月，晚上出行不安全',
      regionId: 'com-xingfu',
      confidential: false,
      mayContact: false,
    });
    expect(message(await book(R1, (await slot(100)).id, cid('book'), { requestId: theirs.id }))).toBe('所选诉求不存在，或不是您本人的诉求');

    // residents are offered what they can book: not too soon, not too far, not full
    const offered = (await cloud.ok(R2, 'meet', 'slots', {})).map((x) => x.id);
    expect(offered).toContain(two.id);
    expect(offered).not.toContain(soon.id);
    expect(offered).not.toContain(far.id);
    expect(offered).not.toContain(one.id);
  });

  test('the last seat: two residents at the same instant, exactly one gets it (20 times)', async () => {
    for (let round = 0; round < 20; round += 1) {
      const last = await slot(48 + round, { capacity: 1 });
      const [x, y] = await Promise.all([book(R1, last.id), book(R2, last.id)]);
      expect([x, y].filter((e) => e.ok)).toHaveLength(1);
      expect([x, y].map(code).sort()).toEqual(['CONFLICT', 'OK']);
      const s = await stored('meet_slots', last.id);
      expect(s.booked).toBe(1);
    }
    const all = ((await cloud.dump()) as { collections: Record<string, Stored[]> }).collections.meet_bookings!;
    const bySlot = new Map<string, number>();
    for (const b of all.filter((d) => d.status === 'booked')) bySlot.set(String(b.slotId), (bySlot.get(String(b.slotId)) ?? 0) + 1);
    expect([...bySlot.values()].every((n) => n === 1)).toBe(true);
  });

  test('cancel and reschedule within the cut-off; the office confirms or proposes another time; nobody else sees it', async () => {
    const a = await slot(120);
    const b = await slot(144);
    const first = await booked(R1, a.id);
    const mine = await cloud.ok(R1, 'meet', 'cancel', { bookingId: first.id, version: first.version });
    expect(mine).toMatchObject({ status: 'cancelled', slot: { left: 2 } });
    // booked again after cancelling: the same booking, active again
    const again = await booked(R1, a.id);
    expect(again.id).toBe(mine.id);
    const moved = await cloud.ok(R1, 'meet', 'reschedule', { bookingId: again.id, version: again.version, slotId: b.id });
    expect(moved).toMatchObject({ status: 'booked', slot: { id: b.id, left: 1 } });
    expect((await stored('meet_slots', a.id)).booked).toBe(0);
    expect((await cloud.ok(R1, 'meet', 'myBookings', {})).filter((x) => x.slot.id === a.id)).toEqual([]);

    // another resident, another unit's cadre: as if it did not exist
    expect(code(await cloud.call(R2, 'meet', 'cancel', { bookingId: moved.id, version: moved.version }))).toBe('NOT_FOUND');
    expect(code(await cloud.call(CHENGGUAN, 'meet', 'confirm', { bookingId: moved.id, version: moved.version }))).toBe('NOT_FOUND');
    expect((await cloud.ok(R2, 'meet', 'myBookings', {})).some((x) => x.id === moved.id)).toBe(false);

    // the leader's desk: who comes, phone masked
    const desk = await cloud.ok(LEADER, 'meet', 'desk', {});
    const seen = desk.slots.find((x) => x.id === b.id)!.bookings.find((x) => x.id === moved.id)!;
    expect(seen.resident).toEqual({ name: '王**', phone: '138****1234' });
    expect(JSON.stringify(desk)).not.toContain('王秀英');
    expect(JSON.stringify(desk)).not.toContain('13800001234');

    // the office (the 信访局 for a county leader) proposes another time; the resident takes it
    const c = await slot(168);
    const proposed = await cloud.ok(ADMIN, 'meet', 'propose', {
      bookingId: moved.id,
      version: moved.version,
      slotId: c.id,
      note: '领导当天另有公务',
    });
    expect(proposed).toMatchObject({ status: 'proposed', proposal: { note: '领导当天另有公务', slot: { id: c.id } } });
    const taken = await cloud.ok(R1, 'meet', 'reschedule', { bookingId: proposed.id, version: proposed.version, slotId: c.id });
    expect(taken).toMatchObject({ status: 'confirmed', slot: { id: c.id } });

    const d = await slot(192);
    const other = await booked(R2, d.id);
    const confirmed = await cloud.ok(LEADER, 'meet', 'confirm', { bookingId: other.id, version: other.version });
    expect(confirmed.status).toBe('confirmed');
    expect(code(await cloud.call(LEADER, 'meet', 'confirm', { bookingId: other.id, version: other.version }))).toBe('CONFLICT');

    // inside the cut-off: no cancelling
    const close = await slot(6, { minNoticeHours: 0, cancelHours: 12 });
    const late = await booked(R2, close.id);
    expect(late.canCancel).toBe(false);
    expect(message(await cloud.call(R2, 'meet', 'cancel', { bookingId: late.id, version: late.version }))).toBe(
      '约访开始前12小时内不能再取消或改期，请直接联系接访单位',
    );
  });

  test('the day-before reminder, check-in by the venue’s code, the 纪要 that becomes a tracked request, a no-show', async () => {
    const today = await slot(1, { minNoticeHours: 0, place: '县信访局二楼领导接待室' });
    const b = await booked(R1, today.id);
    // the reminder is due (the day before has come): one outbox entry, the resident's message
    expect(code(await runTimer())).toBe('OK');
    expect(code(await runTimer())).toBe('OK');
    const notes = ((await cloud.dump()) as { collections: Record<string, Stored[]> }).collections.notifications!.filter(
      (n) => n.requestId === b.id,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ to: R1, page: 'packages/meet/mine/index' });
    const inbox = await cloud.ok(R1, 'user', 'messages', {});
    expect(inbox.items[0]!.title).toBe('明日约访提醒：陈建华 县信访局二楼领导接待室');

    // the venue's code: the office prints it; the resident scans it there
    const venue = await cloud.ok(LEADER, 'meet', 'venueCode', { slotId: today.id });
    expect(venue.image).toMatch(/^data:image\/png;base64,/);
    expect(code(await cloud.call(CHENGGUAN, 'meet', 'venueCode', { slotId: today.id }))).toBe('NOT_FOUND');
    expect(message(await cloud.call(R2, 'meet', 'checkIn', { scene: venue.scene }))).toBe('您现在在这里没有约访：请核对约访的时间和地点');
    expect(code(await cloud.call(R1, 'meet', 'checkIn', { scene: 'v-elsewhere0000' }))).toBe('NOT_FOUND');
    const here = await cloud.ok(R1, 'meet', 'checkIn', { scene: venue.scene });
    expect(here.status).toBe('checkedIn');

    // 接访事项纪要: a request for the 住建局, 10 working days, followed by the resident
    expect(
      code(
        await cloud.call(ADMIN, 'meet', 'recordOutcome', {
          bookingId: here.id,
          version: here.version,
          category: '求助',
          summary: '群众反映水渠失修',
          measures: '住建局现场查看并制定维修方案',
          unitId: 'unit-zhujian',
          days: 10,
        }),
      ),
    ).toBe('FORBIDDEN');
    const done = await cloud.ok(LEADER, 'meet', 'recordOutcome', {
      bookingId: here.id,
      version: here.version,
      category: '求助',
      summary: '群众反映河西村灌溉水渠年久失修，影响春灌',
      measures: '县住建局会同城关镇现场查看，制定维修方案并限期完成',
      unitId: 'unit-zhujian',
      days: 10,
    });
    expect(done.status).toBe('done');
    const req = await stored('requests', done.outcome!.requestId);
    expect(req).toMatchObject({ requesterId: R1, unitId: 'unit-zhujian', status: 'assigned', source: '来访', channel: '诉求' });
    const cal = (await loadDirectory()).calendar;
    expect(req.dueAt).toBe(cal.deadline(Number(req.createdAt), { unit: 'workingDays', n: 10 }));
    expect(done.outcome!.dueAt).toBe(req.dueAt);
    expect((await cloud.ok(R1, 'request', 'mine', {})).items.map((x) => x.id)).toContain(req._id);
    expect((await cloud.ok(ZHUJIAN, 'request', 'inbox', { box: 'todo' })).items.map((x) => x.id)).toContain(req._id);

    // a booking about a request already on its way (城关镇 has it): the 纪要 hands it to the unit it names (领导交办)
    const own = await cloud.ok(R1, 'request', 'submit', {
      clientId: cid('request'),
      category: '求助',
      content: '河西村桥头护栏损坏，请尽快修复',
      regionId: 'vil-hexi',
      confidential: false,
      mayContact: false,
    });
    const next = await slot(1.5, { minNoticeHours: 0, place: '县信访局二楼领导接待室' });
    const linked = await cloud.ok(R1, 'meet', 'book', {
      clientId: cid('book'),
      slotId: next.id,
      topic: '桥头护栏的事想当面说明情况',
      contactName: '王秀英',
      requestId: own.id,
    });
    const checked = await cloud.ok(R1, 'meet', 'checkIn', { scene: venue.scene });
    expect(checked.id).toBe(linked.id);
    const before = await cloud.ok(R1, 'request', 'detail', { id: own.id });
    expect(before.unitName).toBe('城关镇人民政府');
    const noted = await cloud.ok(LEADER, 'meet', 'recordOutcome', {
      bookingId: checked.id,
      version: checked.version,
      category: '求助',
      summary: '群众说明护栏损坏位置',
      measures: '县住建局三日内设置临时警示并修复护栏',
      unitId: 'unit-zhujian',
      days: 3,
    });
    expect(noted.outcome).toMatchObject({ requestId: own.id, unitName: '县住建局' });
    const detail = await cloud.ok(R1, 'request', 'detail', { id: own.id });
    // through the lifecycle table: one compare-and-set, one audit event, to the unit named, due in its working days
    expect(detail.version).toBe(before.version + 1);
    expect(detail).toMatchObject({ status: 'assigned', unitName: '县住建局', answerDueAt: noted.outcome!.dueAt });
    expect(noted.outcome!.dueAt).toBe(cal.deadline(detail.timeline.at(-1)!.at, { unit: 'workingDays', n: 3 }));
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'reroute', actor: '陈建华（县领导）', toStatus: 'assigned' });
    expect(detail.timeline.at(-1)!.note).toContain('县住建局三日内设置临时警示并修复护栏');
    // the resident follows it as before; the 住建局 has it to sign for; 城关镇 no longer does
    expect((await cloud.ok(R1, 'request', 'mine', {})).items.map((x) => x.id)).toContain(own.id);
    expect((await cloud.ok(ZHUJIAN, 'request', 'inbox', { box: 'todo' })).items.map((x) => x.id)).toContain(own.id);
    expect(code(await cloud.call(CHENGGUAN, 'request', 'detail', { id: own.id }))).toBe('NOT_FOUND');
    // the booking moved with it, once: a second 纪要 on the old version is refused and changes nothing
    const again = await cloud.call(LEADER, 'meet', 'recordOutcome', {
      bookingId: checked.id,
      version: checked.version,
      category: '求助',
      summary: '群众说明护栏损坏位置',
      measures: '再交办一次',
      unitId: 'unit-chengguan',
      days: 5,
    });
    expect(code(again)).toBe('CONFLICT');
    expect((await cloud.ok(R1, 'request', 'detail', { id: own.id })).version).toBe(detail.version);

    // a no-show, once the slot is over (its time moved into the past, as the clock would)
    const gone = await slot(30, { capacity: 3 });
    const absent = await booked(R2, gone.id);
    expect(message(await cloud.call(LEADER, 'meet', 'noShow', { bookingId: absent.id, version: absent.version }))).toBe(
      '约访时段结束后才能标记未到场',
    );
    const { db } = await import('../../server/db');
    await db
      .collection('meet_slots')
      .doc(gone.id)
      .update({ data: { startAt: Date.now() - 2 * HOUR, endAt: Date.now() - HOUR } });
    const marked = await cloud.ok(LEADER, 'meet', 'noShow', { bookingId: absent.id, version: absent.version });
    expect(marked).toMatchObject({ status: 'noShow', slot: { left: 3 } });
  });
});
