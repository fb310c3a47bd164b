/**
 * Issue 16 (S6.2, S6.3) through the real functions: teams by skill set up by an organiser, joined by
 * members; the leader plans an activity on the proposed 党员志愿服务日; sign-up up to capacity and
 * check-in by the venue's code, each raced 20 times at once; the yearly figures (team ≥ 6, volunteer
 * ≥ 2, from settings) as the volunteer, the team and the admin read them, over seeded data.
 */
import type { TeamView, VolActivityView } from '../../typings';
import { countyCalendar, serviceDay } from '../../server/domain/calendar';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, R1 } from '../helpers/demo';
import { DEMO } from '../../scripts/demo-county';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

const LEADER = DEMO.volunteer;
const MEMBER = DEMO.volunteer2;
let seq = 0;
const cid = (p: string) => `${p}-${(seq += 1).toString().padStart(5, '0')}`;
const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const year = () => Number(today().slice(0, 4));
const dump = async () => (await cloud.dump()) as { collections: Record<string, Record<string, unknown>[]> };
/** Twenty more party members with cards, as a county has them. */
const CROWD = Array.from({ length: 20 }, (_, i) => `vol-crowd-${i}`);

beforeAll(async () => {
  const { insert } = await import('../../server/db');
  const now = Date.now();
  for (const [i, id] of CROWD.entries()) {
    await insert('users', {
      _id: id,
      roles: ['resident', 'volunteer'],
      unitId: null,
      unitName: null,
      name: `党员${i}`,
      level: null,
      createdAt: now,
      updatedAt: now,
    });
    await insert('volunteers', {
      _id: id,
      name: `党员${String(i).padStart(2, '0')}`,
      scene: `v-crowd-${i}`,
      branch: '城关镇机关党支部',
      phone: '0000-6620399',
      intro: '机关在职党员',
      active: true,
      pairs: 12,
      years: {},
      createdAt: now,
      updatedAt: now,
    });
  }
});

let team: TeamView;

test('an organiser sets up a team by skill with a leader named by card; members join; the next 党员志愿服务日 is proposed', async () => {
  const input = {
    clientId: cid('team'),
    name: '城关镇法律援助服务队',
    skill: '法律援助' as const,
    organizer: '县文明办' as const,
    leaderScene: 'v-machunhua',
  };
  team = await cloud.ok(ADMIN, 'volunteer', 'createTeam', input);
  expect(team).toMatchObject({ name: '城关镇法律援助服务队', leaderName: '马春华', members: 1, held: 0, target: 6 });
  expect((await cloud.ok(ADMIN, 'volunteer', 'createTeam', input)).id).toBe(team.id);
  const noLeader = await cloud.call(ADMIN, 'volunteer', 'createTeam', { ...input, clientId: cid('team'), leaderScene: 'v-nobody-here' });
  expect(noLeader).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '队长须是有党群连心服务卡的党员，请核对服务卡' } });

  const joined = await cloud.ok(MEMBER, 'volunteer', 'joinTeam', { teamId: team.id, version: team.version });
  expect(joined).toMatchObject({ members: 2, isMember: true, isLeader: false });
  for (const id of CROWD.slice(0, 3)) {
    const t = (await cloud.ok(id, 'volunteer', 'teams', {})).find((x) => x.id === team.id)!;
    await cloud.ok(id, 'volunteer', 'joinTeam', { teamId: team.id, version: t.version });
  }
  const detail = await cloud.ok(LEADER, 'volunteer', 'team', { teamId: team.id });
  expect(detail).toMatchObject({ members: 5, isLeader: true, activities: [] });
  expect(detail.proposedDate).toBe(serviceDay(today(), countyCalendar([])));
  expect(new Date(`${detail.proposedDate}T00:00:00Z`).getUTCDay() === 6 || !countyCalendar([]).isWorkingDay(detail.proposedDate)).toBe(
    true,
  );
  // a resident is no volunteer; a member is no leader
  expect(code(await cloud.call(R1, 'volunteer', 'teams', {}))).toBe('FORBIDDEN');
  const notLeader = await cloud.call(MEMBER, 'volunteer', 'planActivity', {
    clientId: cid('act'),
    teamId: team.id,
    title: '法律知识进社区',
    date: detail.proposedDate,
    place: '幸福社区活动室',
    capacity: 5,
  });
  expect(notLeader).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只有服务队队长可以安排活动' } });
});

test('sign-up: 20 members at once for 5 places — exactly 5 get in, the count is exact, a second sign-up is the same', async () => {
  const a: VolActivityView = await cloud.ok(LEADER, 'volunteer', 'planActivity', {
    clientId: cid('act'),
    teamId: team.id,
    title: '法律知识进社区',
    date: today(),
    place: '幸福社区活动室',
    capacity: 5,
  });
  expect(a).toMatchObject({ signedUp: 0, checkedIn: 0, status: 'planned', mine: 'none' });
  const answers = await Promise.all(CROWD.map((id) => cloud.call(id, 'volunteer', 'signUp', { activityId: a.id })));
  const d = await dump();
  const signups = d.collections.vol_signups!.filter((s) => s.activityId === a.id);
  expect(signups).toHaveLength(5);
  expect(d.collections.vol_activities!.find((x) => x._id === a.id)!.signedUp).toBe(5);
  expect(answers.filter((r) => r.ok)).toHaveLength(5);
  for (const r of answers.filter((x) => !x.ok)) expect(code(r)).toBe('CONFLICT');
  const lucky = CROWD.filter((_, i) => answers[i]!.ok);
  // signing up again is the same sign-up; a full activity says so
  expect((await cloud.ok(lucky[0]!, 'volunteer', 'signUp', { activityId: a.id })).mine).toBe('signedUp');
  const full = await cloud.call(MEMBER, 'volunteer', 'signUp', { activityId: a.id });
  expect(full).toEqual({ ok: false, error: { code: 'CONFLICT', message: '报名人数已满（5人）' } });
});

test('check-in by the venue code: the same member 20 times at once counts once; 20 signed-up members at once are each counted', async () => {
  const big: VolActivityView = await cloud.ok(LEADER, 'volunteer', 'planActivity', {
    clientId: cid('act'),
    teamId: team.id,
    title: '法律咨询服务日',
    date: today(),
    place: '城关镇文化广场',
    capacity: 30,
  });
  for (const id of CROWD) await cloud.ok(id, 'volunteer', 'signUp', { activityId: big.id });
  const venue = await cloud.ok(LEADER, 'volunteer', 'activityCode', { activityId: big.id });
  expect(venue.scene).toMatch(/^a-[2-9A-Z]{8}$/);
  expect(venue.image).toMatch(/^data:image\/png;base64,/);
  expect(code(await cloud.call(MEMBER, 'volunteer', 'activityCode', { activityId: big.id }))).toBe('FORBIDDEN');
  // not signed up, or a code that is no venue's
  expect(await cloud.call(MEMBER, 'volunteer', 'checkIn', { scene: venue.scene })).toEqual({
    ok: false,
    error: { code: 'CONFLICT', message: '您没有报名这项活动，请先报名' },
  });
  expect(code(await cloud.call(MEMBER, 'volunteer', 'checkIn', { scene: 'a-ZZZZZZZZ' }))).toBe('NOT_FOUND');

  const same = await Promise.all(Array.from({ length: 20 }, () => cloud.call(CROWD[0]!, 'volunteer', 'checkIn', { scene: venue.scene })));
  for (const r of same) expect(code(r)).toMatch(/^(OK|CONFLICT)$/);
  let d = await dump();
  expect(d.collections.vol_checkins!.filter((c) => c.activityId === big.id)).toHaveLength(1);
  expect(d.collections.vol_activities!.find((x) => x._id === big.id)).toMatchObject({ checkedIn: 1, status: 'held' });

  const all = await Promise.all(CROWD.slice(1).map((id) => cloud.call(id, 'volunteer', 'checkIn', { scene: venue.scene })));
  for (const r of all) expect(code(r)).toMatch(/^(OK|CONFLICT)$/);
  // whoever was told CONFLICT scans again
  for (const [i, r] of all.entries()) if (!r.ok) await cloud.ok(CROWD[i + 1]!, 'volunteer', 'checkIn', { scene: venue.scene });
  d = await dump();
  expect(d.collections.vol_checkins!.filter((c) => c.activityId === big.id)).toHaveLength(20);
  expect(d.collections.vol_activities!.find((x) => x._id === big.id)).toMatchObject({ checkedIn: 20, status: 'held' });
  const key = `y${year()}`;
  for (const id of CROWD) {
    const v = d.collections.volunteers!.find((x) => x._id === id)! as { years: Record<string, { activities?: number }> };
    expect(v.years[key]!.activities).toBe(1);
  }
  // held once for the team, however many checked in
  expect((d.collections.vol_teams!.find((t) => t._id === team.id) as { years: Record<string, { held: number }> }).years[key]!.held).toBe(1);
});

test('yearly figures as data: the volunteer (≥ 2), the team (≥ 6) and the admin, over seeded activities', async () => {
  // seeded: four more held activities of the team this year, each with one member checked in
  const { db } = await import('../../server/db');
  const key = `y${year()}`;
  await db
    .collection('vol_teams')
    .doc(team.id)
    .update({ data: { years: { [key]: { held: 5 } } } });
  await db
    .collection('volunteers')
    .doc(CROWD[1]!)
    .update({ data: { years: { [key]: { duties: 0, byKind: {}, activities: 2 } } } });

  const home = await cloud.ok(CROWD[0]!, 'volunteer', 'home', {});
  expect(home.activities).toEqual({ attended: 1, target: 2 });
  expect((await cloud.ok(CROWD[1]!, 'volunteer', 'home', {})).activities).toEqual({ attended: 2, target: 2 });
  const t = await cloud.ok(LEADER, 'volunteer', 'team', { teamId: team.id });
  expect(t).toMatchObject({ held: 5, target: 6 });

  const figures = await cloud.ok(ADMIN, 'volunteer', 'figures', { year: year() });
  expect(figures.teams.map((x) => [x.name, x.held, x.target])).toEqual([['城关镇法律援助服务队', 5, 6]]);
  const byName = new Map(figures.members.map((m) => [m.name, m]));
  expect(byName.get('党员00')).toMatchObject({ activities: 1, activityTarget: 2 });
  expect(byName.get('党员01')).toMatchObject({ activities: 2, activityTarget: 2 });
  // 党员01 has met both rules (12 pairs, 2 activities): she comes after everyone who is behind
  const names = figures.members.map((m) => m.name);
  expect(names.indexOf('党员01')).toBe(names.length - 1);

  // the targets are data: the county raises the volunteer's to 3
  await db
    .collection('settings')
    .doc('volTargets')
    .set({ data: { pairMin: 10, pairMax: 20, teamActivitiesPerYear: 8, volunteerActivitiesPerYear: 3 } });
  try {
    expect((await cloud.ok(CROWD[1]!, 'volunteer', 'home', {})).activities).toEqual({ attended: 2, target: 3 });
    expect((await cloud.ok(LEADER, 'volunteer', 'team', { teamId: team.id })).target).toBe(8);
  } finally {
    await db
      .collection('settings')
      .doc('volTargets')
      .set({ data: { pairMin: 10, pairMax: 20, teamActivitiesPerYear: 6, volunteerActivitiesPerYear: 2 } });
  }
});
