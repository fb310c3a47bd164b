/**
 * Issue 15, S3 下基层锻炼 through the real functions: the organisation department (admin) posts a
 * reserve cadre — under 45 by their file's birth year, without grassroots experience, for at least
 * the rule's 3 months (90 days) — typing the facts into a file that lacks them; the cadre files the
 * final report only once the days are served; the department assesses it. A posting is read by its
 * cadre and the department only; every change is a compare-and-set with its event.
 */
import type { PostingView } from '../../typings';
import { cadreKey } from '../../server/duties';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, RENSHE, RENSHE_HEAD, ZHUJIAN } from '../helpers/demo';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

let seq = 0;
const cid = (p: string) => `${p}-${(seq += 1).toString().padStart(5, '0')}`;
const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const message = (e: { ok: boolean; error?: { message: string } }) => (e.ok ? '' : e.error!.message);
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);
const thisYear = () => Number(daysAgo(0).slice(0, 4));
const dump = async () => (await cloud.dump()) as { collections: Record<string, Record<string, unknown>[]> };
const postings = async () => (await dump()).collections.duty_postings ?? [];
const post = (extra: Record<string, unknown> = {}) =>
  cloud.raw(ADMIN, 'duty', {
    action: 'post',
    clientId: cid('post'),
    cadreKey: cadreKey(RENSHE),
    place: '河西村党支部书记助理',
    regionId: 'vil-hexi',
    start: daysAgo(100),
    end: daysAgo(5),
    ...extra,
  });

test('the organisation department sees each cadre with their file, and why a cadre may not be posted', async () => {
  const page = await cloud.ok(ADMIN, 'duty', 'postingCandidates', {});
  const byKey = new Map(page.items.map((c) => [c.key, c]));
  expect(byKey.get(cadreKey(RENSHE))).toMatchObject({ name: '李建国', birthYear: 1993, grassroots: false, refusal: null });
  expect(byKey.get(cadreKey(CHENGGUAN))).toMatchObject({ birthYear: null, refusal: '请先录入这名干部的出生年份和有无基层工作经历' });
  // only cadres, named by key: no openid in the answer
  expect(JSON.stringify(page)).not.toContain(RENSHE);
  expect(page.items.every((c) => c.key.startsWith('k'))).toBe(true);
  expect(code(await cloud.raw(RENSHE, 'duty', { action: 'postingCandidates' }))).toBe('FORBIDDEN');
});

test('a posting is refused — changing nothing — under 3 months, past the age limit, with grassroots experience, or with no file', async () => {
  const before = (await postings()).length;
  // 89 days: short of the rule's 90
  const short = await post({ start: daysAgo(88), end: daysAgo(0) });
  expect(code(short)).toBe('INVALID_INPUT');
  expect(message(short)).toBe('下基层锻炼不少于90天，这次安排89天');
  // 城关镇's 孙丽 has no file: the department must type it in
  expect(code(await post({ cadreKey: cadreKey(CHENGGUAN) }))).toBe('INVALID_INPUT');
  // 45 in the posting's year is still "45周岁以下"; 46 is not
  const old = await post({
    cadreKey: cadreKey(CHENGGUAN),
    birthYear: thisYear() - 46,
    grassroots: false,
    start: daysAgo(0),
    end: daysAgo(-100),
  });
  expect(code(old)).toBe('INVALID_INPUT');
  expect(message(old)).toContain('选派45周岁以下的干部');
  const seasoned = await post({ cadreKey: cadreKey(CHENGGUAN), birthYear: 1990, grassroots: true });
  expect(message(seasoned)).toBe('这名干部已有基层工作经历，不需要再下基层锻炼');
  // a resident or an unknown key
  expect(code(await post({ cadreKey: cadreKey(R1) }))).toBe('INVALID_INPUT');
  expect((await postings()).length).toBe(before);
  // the refused facts were not written to 孙丽's file
  const sun = (await dump()).collections.users!.find((u) => u._id === CHENGGUAN)!;
  expect(sun.birthYear).toBeUndefined();
  expect(
    code(
      await cloud.raw(RENSHE, 'duty', {
        action: 'post',
        clientId: cid('post'),
        cadreKey: cadreKey(RENSHE),
        place: '河西村',
        start: daysAgo(100),
        end: daysAgo(5),
      }),
    ),
  ).toBe('FORBIDDEN');
});

test('posted, reported once served, assessed: read by the cadre and the organisation department only', async () => {
  const clientId = cid('post');
  const made = await post({ clientId });
  expect(code(made)).toBe('OK');
  const p = (made as { data: PostingView }).data;
  expect(p).toMatchObject({
    cadreName: '李建国',
    unitName: '县人社局',
    status: 'posted',
    age: thisYear() - 1993,
    place: '河西村党支部书记助理',
  });
  // a retry of the same posting: the same posting, once
  expect(((await post({ clientId })) as { data: PostingView }).data.id).toBe(p.id);
  expect((await postings()).filter((x) => x._id === p.id)).toHaveLength(1);
  // its S3.1 figure: 96 days of 90 served by its planned end
  expect(p.figure).toMatchObject({ clause: 'S3.1', value: 96, target: 90, state: 'met' });

  // the cadre reads their own; another cadre, their unit head and a resident do not
  const mine = await cloud.ok(RENSHE, 'duty', 'postings', {});
  expect(mine.items.map((x) => [x.id, x.mine])).toContainEqual([p.id, true]);
  for (const other of [CHENGGUAN, RENSHE_HEAD, ZHUJIAN])
    expect((await cloud.ok(other, 'duty', 'postings', {})).items.map((x) => x.id)).not.toContain(p.id);
  expect(code(await cloud.raw(R1, 'duty', { action: 'postings' }))).toBe('FORBIDDEN');
  expect((await cloud.ok(ADMIN, 'duty', 'postings', {})).items.map((x) => x.id)).toContain(p.id);

  // assessed before the report: refused
  expect(code(await cloud.raw(ADMIN, 'duty', { action: 'assessPosting', postingId: p.id, version: p.version, result: '称职' }))).toBe(
    'CONFLICT',
  );
  // the report: someone else's is NOT_FOUND; a last day in the future or before the 90 days are served is refused
  const report = {
    action: 'postingReport',
    postingId: p.id,
    version: p.version,
    summary: '协助村两委开展饮水工程和矛盾调解，走访农户120户',
  };
  expect(code(await cloud.raw(CHENGGUAN, 'duty', { ...report, end: daysAgo(5) }))).toBe('NOT_FOUND');
  expect(code(await cloud.raw(RENSHE, 'duty', { ...report, end: daysAgo(-1) }))).toBe('INVALID_INPUT');
  const early = await cloud.raw(RENSHE, 'duty', { ...report, end: daysAgo(20) });
  expect(message(early)).toBe(`下基层锻炼不少于90天，到${daysAgo(20)}才81天，期满后再提交总结`);
  const reported = await cloud.ok(RENSHE, 'duty', 'postingReport', {
    postingId: p.id,
    version: p.version,
    end: daysAgo(5),
    summary: report.summary,
  });
  expect(reported).toMatchObject({ status: 'reported', report: report.summary, end: daysAgo(5), version: p.version + 1 });
  // a second report, or a stale version: CONFLICT
  expect(code(await cloud.raw(RENSHE, 'duty', { ...report, version: reported.version, end: daysAgo(5) }))).toBe('CONFLICT');

  const stale = await cloud.raw(ADMIN, 'duty', { action: 'assessPosting', postingId: p.id, version: p.version, result: '称职' });
  expect(code(stale)).toBe('CONFLICT');
  const assessed = await cloud.ok(ADMIN, 'duty', 'assessPosting', {
    postingId: p.id,
    version: reported.version,
    result: '优秀',
    notes: '群众评价好',
  });
  expect(assessed).toMatchObject({ status: 'assessed', result: '优秀', resultNotes: '群众评价好' });
  expect((await cloud.ok(RENSHE, 'duty', 'postings', {})).items.find((x) => x.id === p.id)).toMatchObject({
    result: '优秀',
    status: 'assessed',
  });
  expect(
    code(await cloud.raw(ADMIN, 'duty', { action: 'assessPosting', postingId: p.id, version: assessed.version, result: '称职' })),
  ).toBe('CONFLICT');

  // every change left its event, by whom
  const stored = (await postings()).find((x) => x._id === p.id) as { events: { type: string; actorId: string }[] };
  expect(stored.events.map((e) => [e.type, e.actorId])).toEqual([
    ['assign', ADMIN],
    ['record', RENSHE],
    ['record', ADMIN],
  ]);
});

test('facts the department types for a cadre with no file are kept on the file, with the posting', async () => {
  const made = await post({ cadreKey: cadreKey(CHENGGUAN), birthYear: 1991, grassroots: false, start: daysAgo(0), end: daysAgo(-120) });
  expect(code(made)).toBe('OK');
  expect((made as { data: PostingView }).data.figure).toMatchObject({ value: 1, target: 90, state: 'upcoming' });
  const page = await cloud.ok(ADMIN, 'duty', 'postingCandidates', {});
  expect(page.items.find((c) => c.key === cadreKey(CHENGGUAN))).toMatchObject({ birthYear: 1991, grassroots: false, refusal: null });
});
