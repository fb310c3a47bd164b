/**
 * Issue 15 (干部履职: S1–S3, S5) through the real functions: a town leader records a stay with a
 * photo and two requests gathered on it, which enter the request flow; a report and two talks;
 * their own figures follow each record (the tally, not a scan); S2.4's retinue limit is the rule's;
 * talk notes reach only the cadre and the organisation department; contact points are assigned with
 * overlaps flagged and incomplete sets visible, and their code opens a public page with the open
 * survey; the county's figures sort furthest behind first and export to .xlsx; a rule changed for
 * next year leaves this year's figures as they were.
 */
import { Workbook } from 'exceljs';
import type { DutyHome, Figure } from '../../typings';
import { remindFestivals } from '../../server/reliefs';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, RENSHE, RENSHE_HEAD, ZHUJIAN } from '../helpers/demo';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

let seq = 0;
const cid = (p: string) => `${p}-${(seq += 1).toString().padStart(5, '0')}`;
const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);
const fig = (h: { figures: Figure[] }, id: string) => h.figures.find((f) => f.ruleId === id)!;
const runTimer = () => cloud.raw(null, 'timer', { Type: 'Timer', TriggerName: 'chase', Time: new Date().toISOString() });
const dump = async () => (await cloud.dump()) as { collections: Record<string, Record<string, unknown>[]> };

async function upload(folder: string): Promise<string> {
  const form = new FormData();
  form.set('cloudPath', `${folder}/duty-${(seq += 1)}.jpg`);
  form.set('file', new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x31, 0xff, 0xd9])]), 'photo.jpg');
  const res = await fetch(`${cloud.url}/storage/upload`, { method: 'POST', body: form });
  return ((await res.json()) as { fileID: string }).fileID;
}

test('a town leader records a stay with a photo and two requests; figures follow; a retry counts nothing twice', async () => {
  const before: DutyHome = await cloud.ok(CHENGGUAN, 'duty', 'home', {});
  expect(before.level).toBe('镇领导');
  expect(before.figures.map((f) => f.clause)).toEqual(expect.arrayContaining(['S1.1', 'S1.2', 'S2.1', 'S2.3', 'S5.2', 'S8.1']));
  expect(fig(before, 'S1.2-town-days')).toMatchObject({ value: 0, target: 180, state: 'behind' });

  const photo = await upload((await cloud.ok(CHENGGUAN, 'user', 'me', {})).photoFolder);
  const input = {
    clientId: cid('stay'),
    kind: 'stay' as const,
    start: daysAgo(2),
    end: today(),
    regionId: 'vil-hexi',
    place: '河西村三组',
    purpose: '住村了解春耕备耕和饮水情况',
    met: '村支书、6户村民',
    households: 6,
    retinue: 2,
    photos: [photo],
    requests: [
      { category: '求助' as const, content: '三组自来水压力不够，高处人家白天没水', contactName: '王秀英', contactPhone: '13800001234' },
      { category: '建议' as const, content: '希望在村口增设一处公交招呼站' },
    ],
  };
  const rec = await cloud.ok(CHENGGUAN, 'duty', 'recordVisit', input);
  expect(rec).toMatchObject({ kind: 'stay', photoCount: 1, requestCount: 2, retinue: 2 });
  expect(rec.requests).toHaveLength(2);
  // a retry of the same record: the same record and requests, nothing counted twice
  const again = await cloud.ok(CHENGGUAN, 'duty', 'recordVisit', input);
  expect(again.id).toBe(rec.id);
  expect(again.requests.map((r) => r.id)).toEqual(rec.requests.map((r) => r.id));

  // the gathered requests are on the normal request flow: routed by the village to 城关镇, numbered, with deadlines
  const d = await cloud.ok(CHENGGUAN, 'request', 'detail', { id: rec.requests[0]!.id });
  expect(d).toMatchObject({ status: 'assigned', unitName: '城关镇人民政府', channel: '诉求' });
  expect(d.content).toContain('三组自来水压力不够');
  const inbox = await cloud.ok(CHENGGUAN, 'request', 'inbox', { box: 'todo' });
  expect(inbox.items.map((r) => r.id)).toEqual(expect.arrayContaining(rec.requests.map((r) => r.id)));

  const after = await cloud.ok(CHENGGUAN, 'duty', 'home', {});
  expect(fig(after, 'S1.2-town-days').value).toBe(new Set([daysAgo(2), daysAgo(1), today()].map((x) => x)).size);
  expect(after.recent[0]).toMatchObject({ id: rec.id, place: '河西村三组' });
  const { collections } = await dump();
  expect(collections.duty_records!.filter((r) => r._id === rec.id)).toHaveLength(1);
});

test('S2.4: a retinue above the rule’s limit is refused with the rule’s number, and nothing is stored', async () => {
  const before = JSON.stringify((await dump()).collections.duty_records ?? []);
  const res = await cloud.call(CHENGGUAN, 'duty', 'recordVisit', {
    clientId: cid('big'),
    kind: 'visit',
    start: today(),
    end: today(),
    place: '桃园村',
    purpose: '调研村集体经济',
    households: 0,
    retinue: 4,
  });
  expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '随行人员不超过3人（轻车简从）' } });
  expect(JSON.stringify((await dump()).collections.duty_records ?? [])).toBe(before);
  const future = await cloud.call(CHENGGUAN, 'duty', 'recordVisit', {
    clientId: cid('future'),
    kind: 'visit',
    start: today(),
    end: '2099-01-01',
    place: '桃园村',
    purpose: '调研村集体经济',
    households: 0,
    retinue: 0,
  });
  expect(code(future)).toBe('INVALID_INPUT');
});

test('reports and talks count; talk notes reach the cadre and the organisation department only', async () => {
  await cloud.ok(ZHUJIAN, 'duty', 'recordReport', {
    clientId: cid('rep'),
    date: today(),
    topic: '老旧小区改造中的群众意见',
    summary: '走访三个小区，群众最关心加装电梯的费用分摊和施工扰民，建议分期公示。',
  });
  const talk = await cloud.ok(ZHUJIAN, 'duty', 'recordTalk', {
    clientId: cid('talk'),
    date: today(),
    talkWith: '城建监察大队班子成员',
    form: '集体座谈',
    notes: '某同志家中老人住院，工作压力大，需关心',
  });
  expect(talk.notes).toBe('某同志家中老人住院，工作压力大，需关心');
  const home = await cloud.ok(ZHUJIAN, 'duty', 'home', {});
  expect(fig(home, 'S1.1-reports')).toMatchObject({ value: 1, state: 'met' });
  expect(fig(home, 'S5.2-talks')).toMatchObject({ value: 1, target: 2, state: 'behind' });
  // the unit head reads the unit's figures, never the notes (figures carry none); the cadre's own list has them
  const mine = await cloud.ok(ZHUJIAN, 'duty', 'records', {});
  expect(mine.items.find((r) => r.id === talk.id)!.notes).toContain('老人住院');
  const county = await cloud.ok(ADMIN, 'duty', 'figures', {});
  expect(JSON.stringify(county)).not.toContain('老人住院');
  // other people cannot record duties: a window clerk is not a leader, a resident not a cadre
  expect(code(await cloud.call(RENSHE, 'duty', 'home', {}))).toBe('FORBIDDEN');
  expect(code(await cloud.call(R1, 'duty', 'home', {}))).toBe('FORBIDDEN');
});

test('contact points: a set grows toward 一联六, an overlap is flagged, the code opens a public page with the open survey', async () => {
  const year = Number(today().slice(0, 4));
  // the timer's sweep makes every leader's tally (and ranks it for the day)
  await runTimer();
  const rows = (await cloud.ok(ADMIN, 'duty', 'figures', {})).items;
  const county = rows.find((r) => r.name === '陈建华')!;
  const street = rows.find((r) => r.name === '周敏')!;
  expect(fig(county, 'S2.1-county-set')).toMatchObject({ value: 0, target: 6, state: 'behind' });

  const town = await cloud.ok(ADMIN, 'duty', 'assignPoint', {
    clientId: cid('pt'),
    cadreKey: county.key,
    year,
    slot: 'town',
    name: '东城街道',
    regionId: 'street-dongcheng',
  });
  expect(town).toMatchObject({ slotLabel: '镇（街道）', name: '东城街道', cadreName: '陈建华', overlapWith: [] });
  const poor = await cloud.ok(ADMIN, 'duty', 'assignPoint', {
    clientId: cid('pt'),
    cadreKey: county.key,
    year,
    slot: 'poorHousehold',
    name: '李桂花',
  });
  // the street leader is given the same 李桂花 household: flagged as an overlap, not refused
  const same = await cloud.ok(ADMIN, 'duty', 'assignPoint', {
    clientId: cid('pt'),
    cadreKey: street.key,
    year,
    slot: 'poorHousehold',
    name: '李 桂花',
  });
  expect(same.overlapWith).toEqual(['陈建华']);
  const listed = await cloud.ok(ADMIN, 'duty', 'points', { year });
  expect(listed.items.find((p) => p.id === poor.id)!.overlapWith).toEqual(['周敏']);

  const after = (await cloud.ok(ADMIN, 'duty', 'figures', {})).items.find((r) => r.name === '陈建华')!;
  expect(fig(after, 'S2.1-county-set')).toMatchObject({ value: 2, target: 6, state: 'behind' });

  // the county's survey evaluates the contact points in 东城街道 (a 领导联系点 subject of its government)
  const survey = await cloud.ok(ADMIN, 'survey', 'create', {
    clientId: cid('survey'),
    title: '联系点群众满意度调查',
    year,
    questions: [{ text: '联系领导常来吗', kind: 'scale' }],
    subjects: [{ kind: '领导联系点', unitId: 'unit-dongcheng', label: '县领导联系点：东城街道' }],
    opensAt: Date.now() - 60_000,
    closesAt: Date.now() + 86_400_000,
    minResponses: 30,
  });
  await cloud.ok(ADMIN, 'survey', 'publish', { surveyId: survey.id, version: survey.version });

  // the point's code: a resident scans it and sees the point (a household's name masked) and the open survey
  const img = await cloud.ok(ADMIN, 'duty', 'pointCode', { pointId: poor.id });
  expect(img.image).toMatch(/^data:image\/png;base64,/);
  const pub = await cloud.ok(R1, 'duty', 'point', { scene: poor.scene });
  expect(pub.point).toMatchObject({ name: '李**', cadreName: '陈建华', slotLabel: '建档立卡贫困户', overlapWith: [] });
  expect(JSON.stringify(pub)).not.toContain('桂花');
  // the household has no place and the county leader no unit: no survey evaluates it
  expect(pub.surveys).toEqual([]);
  const townPage = await cloud.ok(R1, 'duty', 'point', { scene: town.scene });
  expect(townPage.surveys).toEqual([{ id: survey.id, title: '联系点群众满意度调查' }]);
  expect(townPage.point.name).toBe('东城街道');
  expect(code(await cloud.call(R1, 'duty', 'point', { scene: 'pnothere0000' }))).toBe('NOT_FOUND');

  // removed (kept, inactive): the set shrinks again and the code no longer opens it
  await cloud.ok(ADMIN, 'duty', 'removePoint', { pointId: poor.id, version: poor.version });
  expect(code(await cloud.call(ADMIN, 'duty', 'removePoint', { pointId: poor.id, version: poor.version }))).toBe('CONFLICT');
  expect(code(await cloud.call(R1, 'duty', 'point', { scene: poor.scene }))).toBe('NOT_FOUND');
  const shrunk = (await cloud.ok(ADMIN, 'duty', 'figures', {})).items.find((r) => r.name === '陈建华')!;
  expect(fig(shrunk, 'S2.1-county-set').value).toBe(1);
});

test('the county’s figures sort furthest behind first, a unit head sees the unit, and the .xlsx export carries them', async () => {
  const all = await cloud.ok(ADMIN, 'duty', 'figures', {});
  // every leader of the demo county (the timer made the tallies of those who recorded nothing)
  expect(all.items.map((r) => r.name).sort()).toEqual(['周敏', '孙丽', '王局长', '赵明', '钱督查', '陈建华', '林志远'].sort());
  const order = all.items.map((r) => [r.behind, r.share] as const);
  for (let i = 1; i < order.length; i += 1) {
    const [b0, s0] = order[i - 1]!;
    const [b1, s1] = order[i]!;
    expect(b0 > b1 || (b0 === b1 && s0 <= s1)).toBe(true);
  }
  expect(JSON.stringify(all)).not.toMatch(/demo-(cadre|leader)/); // no openid leaves the server

  const unit = await cloud.ok(RENSHE_HEAD, 'duty', 'figures', {});
  expect(unit.items.map((r) => r.unitName)).toEqual(unit.items.map(() => '县人社局'));
  expect(code(await cloud.call(CHENGGUAN, 'duty', 'figures', {}))).toBe('FORBIDDEN');

  const file = await cloud.ok(ADMIN, 'duty', 'exportFigures', {});
  expect(file.fileName).toMatch(/^干部履职情况\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const names: string[] = [];
  wb.getWorksheet('干部履职')!.eachRow((row, i) => {
    if (i > 2) names.push(String(row.getCell(1).text));
  });
  expect([...new Set(names)]).toEqual(all.items.map((r) => r.name));
});

test('a rule changed for next year: this year’s figures stay, next year’s rule is in the list; this year cannot be changed', async () => {
  const year = Number(today().slice(0, 4));
  const rules = await cloud.ok(ADMIN, 'duty', 'rules', {});
  const talks = rules.find((r) => r.id === 'S5.2-talks')!;
  expect(
    code(await cloud.call(ADMIN, 'duty', 'updateRule', { ruleId: talks.id, version: talks.version, threshold: 4, fromYear: year })),
  ).toBe('INVALID_INPUT');
  const changed = await cloud.ok(ADMIN, 'duty', 'updateRule', {
    ruleId: talks.id,
    version: talks.version,
    threshold: 4,
    fromYear: year + 1,
  });
  expect(changed.filter((r) => r.clause === 'S5.2').map((r) => [r.threshold, r.fromYear, r.toYear])).toEqual([
    [2, 2020, year],
    [4, year + 1, null],
  ]);
  expect(
    code(await cloud.call(ADMIN, 'duty', 'updateRule', { ruleId: talks.id, version: talks.version, threshold: 5, fromYear: year + 1 })),
  ).toBe('CONFLICT');
  const home = await cloud.ok(ZHUJIAN, 'duty', 'home', {});
  expect(fig(home, 'S5.2-talks').target).toBe(2);
  expect(code(await cloud.call(CHENGGUAN, 'duty', 'updateRule', { ruleId: talks.id, version: 1, threshold: 3, fromYear: year + 1 }))).toBe(
    'FORBIDDEN',
  );
});

test('S8: a department’s 优抚 household with its named contact; a festival visit counts once; reminders before each occasion reach 消息 once', async () => {
  // only a department leader registers the department's 优抚 household, and names its contact
  expect(
    await cloud.call(CHENGGUAN, 'duty', 'addRelief', {
      clientId: cid('rel'),
      kind: 'youfu',
      household: '优抚对象王大娘',
      contact: '张三',
      plan: '节日走访慰问',
    }),
  ).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '优抚对象困难户由县直单位结对帮扶' } });
  expect(
    code(
      await cloud.call(ZHUJIAN, 'duty', 'addRelief', {
        clientId: cid('rel'),
        kind: 'youfu',
        household: '优抚对象王大娘',
        plan: '节日走访慰问',
      }),
    ),
  ).toBe('INVALID_INPUT');
  const youfu = await cloud.ok(ZHUJIAN, 'duty', 'addRelief', {
    clientId: cid('rel'),
    kind: 'youfu',
    household: '优抚对象王大娘',
    contact: '住建局办公室张三',
    plan: '节日走访慰问，帮助修缮住房',
  });
  expect(youfu.occasions.map((o) => o.key)).toEqual(['春种', '八一', '秋收', '春节']);
  const pair = await cloud.ok(CHENGGUAN, 'duty', 'addRelief', {
    clientId: cid('rel'),
    kind: 'oneToOne',
    household: '河西村李大爷',
    plan: '帮助申请临时救助',
  });
  expect(pair.occasions.map((o) => o.key)).toEqual(['元旦', '春节']);
  let home = await cloud.ok(ZHUJIAN, 'duty', 'home', {});
  expect(fig(home, 'S8.2-youfu')).toMatchObject({ value: 0, target: 4 });

  const visited = await cloud.ok(ZHUJIAN, 'duty', 'reliefVisit', {
    reliefId: youfu.id,
    version: youfu.version,
    occasion: '八一',
    date: daysAgo(1),
  });
  expect(visited.occasions.find((o) => o.key === '八一')!.visitedOn).toBe(daysAgo(1));
  expect(
    code(
      await cloud.call(ZHUJIAN, 'duty', 'reliefVisit', { reliefId: youfu.id, version: visited.version, occasion: '八一', date: today() }),
    ),
  ).toBe('CONFLICT');
  expect(
    code(
      await cloud.call(ZHUJIAN, 'duty', 'reliefVisit', { reliefId: youfu.id, version: visited.version, occasion: '元旦', date: today() }),
    ),
  ).toBe('INVALID_INPUT');
  // another leader cannot record a visit to it, nor learn it exists
  expect(
    code(
      await cloud.call(CHENGGUAN, 'duty', 'reliefVisit', { reliefId: youfu.id, version: visited.version, occasion: '春节', date: today() }),
    ),
  ).toBe('NOT_FOUND');
  home = await cloud.ok(ZHUJIAN, 'duty', 'home', {});
  expect(fig(home, 'S8.2-youfu').value).toBe(1);

  // a week before 春节 2027 (6 February): both pairs' cadres are told, once however often the timer runs
  const before = Date.parse('2027-02-01T09:00:00+08:00');
  const first = await remindFestivals({ now: before, until: Date.now() + 10_000 });
  expect(first.done).toBeGreaterThanOrEqual(2);
  expect((await remindFestivals({ now: before, until: Date.now() + 10_000 })).done).toBe(0);
  const notes = ((await dump()).collections.notifications ?? []).filter((n) => String(n.page) === 'packages/duty/reliefs/index');
  const mine = notes.filter((n) => n.to === ZHUJIAN || n.to === CHENGGUAN);
  expect(mine.map((n) => (n.values as string[])[1]).sort()).toEqual(['春节走访慰问优******', '春节走访慰问河*****']);
  expect(JSON.stringify(notes)).not.toContain('王大娘');
  const msgs = await cloud.ok(ZHUJIAN, 'user', 'messages', {});
  expect(msgs.items.map((m) => m.title)).toContain('节前走访：春节走访慰问优******');
  // 元旦 is reminded in late December, for the year that begins
  await remindFestivals({ now: Date.parse('2026-12-26T09:00:00+08:00'), until: Date.now() + 10_000 });
  const newYear = ((await dump()).collections.notifications ?? []).filter((n) => String((n.values as string[])[1]).startsWith('元旦'));
  expect(newYear.map((n) => [n.to, (n.values as string[])[0]])).toContainEqual([CHENGGUAN, '2027-01-01']);
  expect(newYear.map((n) => n.to)).not.toContain(ZHUJIAN); // a 优抚 household has no 元旦 visit
});
