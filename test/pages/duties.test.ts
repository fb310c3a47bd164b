/**
 * @jest-environment ./test/pages/environment.js
 *
 * The duty pages as shipped (compiled package) against the real functions: 我的 entries by role; a
 * town leader records a visit from the phone in a few taps (a contact point, the 事由, 保存) and
 * the figures on 干部履职 move; a stay with a photo and a request gathered on it; a report and a
 * talk; a resident scans a contact point's code and reaches the survey that evaluates it; the
 * organisation department reads the county furthest behind first and exports it.
 */
import { Workbook } from 'exceljs';
import { cadreKey } from '../../server/duties';
import { actAs, answerDialog, emit, harness, openPage, parseUrl, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();

/** Files the page wrote on the phone, and the documents it opened. */
const { written, opened } = harness;
const TOWN_LEADER = 'demo-cadre-chengguan';
const ADMIN = 'demo-admin';
const R1 = 'demo-resident-1';
const year = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const runTimer = () => cloud().raw(null, 'timer', { Type: 'Timer', TriggerName: 'chase', Time: new Date().toISOString() });

let village: { id: string; scene: string };

beforeAll(async () => {
  // the organisation department gives 孙丽 (城关镇) her contact village for the year
  village = await cloud().ok(ADMIN, 'duty', 'assignPoint', {
    clientId: 'page-point-0001',
    cadreKey: cadreKey(TOWN_LEADER),
    year: year(),
    slot: 'village',
    name: '河西村',
    regionId: 'vil-hexi',
  });
});

test('我的 shows 干部履职 to leaders, the statistics to the organisation department, neither to a window clerk or a resident', async () => {
  actAs(TOWN_LEADER);
  let me = await openPage('pages/me/index');
  expect(me.$('#duty-home')).toBeDefined();
  expect(me.$('#duty-figures')).toBeUndefined();
  actAs(ADMIN);
  me = await openPage('pages/me/index');
  expect(me.$('#duty-figures')).toBeDefined();
  expect(me.$('#duty-home')).toBeUndefined();
  actAs('demo-head-renshe');
  me = await openPage('pages/me/index');
  expect(me.$('#duty-unit')).toBeDefined();
  for (const who of ['demo-cadre-renshe', R1]) {
    actAs(who);
    me = await openPage('pages/me/index');
    expect(me.$('#duty-home')).toBeUndefined();
    expect(me.$('#duty-unit')).toBeUndefined();
  }
});

test('a visit to the contact village in three taps and one typed line; the figures on 干部履职 move', async () => {
  actAs(TOWN_LEADER);
  let home = await openPage('packages/duty/home/index');
  expect(home.text()).toContain('孙丽 · 镇领导');
  expect(home.text()).toContain('每年到村（社区）工作和调研不少于6个月');
  expect(home.text()).toContain('0/180天');
  expect(home.text()).toContain('村（社区）');

  const empty = await openPage('packages/duty/visit/index');
  await tap(empty, '#save');
  expect(toastText(empty)).toBe('地点请至少写2个字');

  harness.resetTaps();
  await tap(home, '#record-visit'); // 1: 记录走访
  expect(harness.lastNavigation?.url).toBe('/packages/duty/visit/index');
  const visit = await openPage('packages/duty/visit/index');
  await tap(visit, '#point-0'); // 2: the contact village (its name becomes the place)
  expect(visit.data.place).toBe('河西村');
  await typeInto(visit, '#purpose', '了解春耕备耕和饮水情况'); // typing, no tap
  await tap(visit, '#save'); // 3: 保存
  expect(await answerDialog(visit)).toContain('已记入履职统计');
  expect(harness.taps).toBeLessThanOrEqual(4); // the dialog's 知道了 included

  home = await openPage('packages/duty/home/index');
  expect(home.text()).toContain('1/180天');
  expect(home.text()).toContain('河西村（联系点：村（社区））');
});

test('a stay with a photo and a request gathered on it: the request is numbered and goes to 城关镇; a retinue of 4 is refused', async () => {
  actAs(TOWN_LEADER);
  const stay = await openPage('packages/duty/visit/index');
  await emit(stay, '#kind', 'change', 'stay');
  expect(stay.data.kind).toBe('stay');
  await tap(stay, '#point-0');
  await typeInto(stay, '#purpose', '住村蹲点');
  await typeInto(stay, '#retinue', '4');
  await tap(stay, '#save');
  expect(toastText(stay)).toBe('随行人员不超过3人（轻车简从）');
  await typeInto(stay, '#retinue', '2');
  await emit(stay, '#photos', 'after-read', { file: { url: 'wxfile://tmp/duty-photo-1.jpg', size: 1000 } });
  expect(harness.uploads).toBeGreaterThan(0);
  await emit(stay, '#intent', 'change', 'help');
  await typeInto(stay, '#content', '三组自来水压力不够，高处人家白天没水');
  await typeInto(stay, '#contact-phone', '13800001234');
  await tap(stay, '#save');
  const told = await answerDialog(stay);
  const no = /编号(\d{8}-[0-9A-Z]{6})/.exec(told)![1]!;
  const dump = (await cloud().dump()) as { collections: Record<string, Record<string, unknown>[]> };
  const req = dump.collections.requests!.find((r) => r.no === no)!;
  expect(req).toMatchObject({ unitName: '城关镇人民政府', status: 'assigned', requesterId: TOWN_LEADER });
  const rec = dump.collections.duty_records!.find((r) => r.kind === 'stay')!;
  expect(rec).toMatchObject({ retinue: 2, requestIds: [req._id] });
  expect((rec.photos as string[]).length).toBe(1);
});

test('a report and a talk count at once; the talk notes show nowhere but the cadre’s own records', async () => {
  actAs(TOWN_LEADER);
  const report = await openPage('packages/duty/note/index', { kind: 'report' });
  await tap(report, '#save');
  expect(toastText(report)).toBe('调研课题请至少写4个字');
  await typeInto(report, '#topic', '农村饮水安全调研');
  await typeInto(report, '#summary', '走访三个村民小组，高处人家白天缺水，建议加装加压泵。');
  await tap(report, '#save');
  const talk = await openPage('packages/duty/note/index', { kind: 'talk' });
  expect(talk.text()).toContain('谈话记录只有您本人和组织部能看到');
  await typeInto(talk, '#talk-with', '河西村两委班子');
  await emit(talk, '#form', 'change', '集体座谈');
  await typeInto(talk, '#notes', '村主任家中老人住院，需关心');
  await tap(talk, '#save');
  const home = await openPage('packages/duty/home/index');
  expect(home.text()).toContain('1/1篇');
  expect(home.text()).toContain('1/2次');
  expect(home.text()).toContain('河西村两委班子（集体座谈）');

  await runTimer();
  actAs(ADMIN);
  const figures = await openPage('packages/duty/figures/index');
  expect(figures.text()).not.toContain('老人住院');
});

test('a resident scans the contact point’s code: the point, its leader, and the survey that evaluates it', async () => {
  const survey = await cloud().ok(ADMIN, 'survey', 'create', {
    clientId: 'page-survey-0001',
    title: '联系点群众满意度调查',
    year: year(),
    questions: [{ text: '联系领导常来吗', kind: 'scale' }],
    subjects: [{ kind: '领导联系点', unitId: 'unit-chengguan', label: '镇领导联系点：河西村' }],
    opensAt: Date.now() - 60_000,
    closesAt: Date.now() + 86_400_000,
    minResponses: 30,
  });
  await cloud().ok(ADMIN, 'survey', 'publish', { surveyId: survey.id, version: survey.version });

  actAs(R1);
  const home = await openPage('pages/home/index');
  harness.scanResult = { path: `packages/duty/point/index?scene=${village.scene}` };
  await tap(home, '#scan');
  const nav = parseUrl(harness.lastNavigation!.url);
  expect(nav).toEqual({ path: 'packages/duty/point/index', query: { scene: village.scene } });
  const page = await openPage(nav.path, nav.query);
  expect(page.text()).toContain('河西村');
  expect(page.text()).toContain('孙丽');
  expect(page.text()).toContain('联系点群众满意度调查');
  await tap(page, '#survey-0');
  expect(harness.lastNavigation?.url).toBe(`/packages/survey/answer/index?id=${survey.id}`);

  const gone = await openPage('packages/duty/point/index', { scene: 'pnothere0000' });
  expect(gone.text()).toContain('这个联系点已调整或不存在');
});

test('组织部: the county furthest behind first, with what is missing; the .xlsx opens', async () => {
  await runTimer();
  actAs(ADMIN);
  const figures = await openPage('packages/duty/figures/index');
  const names = (figures.data.rows as { name: string; behind: number; percent: number }[]).map((r) => [r.behind, r.percent]);
  for (let i = 1; i < names.length; i += 1)
    expect(names[i - 1]![0] > names[i]![0] || (names[i - 1]![0] === names[i]![0] && names[i - 1]![1] <= names[i]![1])).toBe(true);
  expect(figures.text()).toContain('陈建华');
  expect(figures.text()).toContain('一联六联系点 0/6');
  await tap(figures, '#export');
  expect(opened).toEqual([expect.stringMatching(/^wxfile:\/\/usr\/干部履职情况\d{4}-\d{2}-\d{2}\.xlsx xlsx$/)]);
  const wb = new Workbook();
  await wb.xlsx.load(written.get(opened[0]!.split(' ')[0]!)! as unknown as ArrayBuffer);
  expect(wb.getWorksheet('干部履职')!.getRow(3).getCell(1).text).toBe((figures.data.rows as { name: string }[])[0]!.name);
});

test('帮扶对子: a department leader pairs the department with a 优抚 household (named contact), and records the 八一 visit in one tap', async () => {
  actAs('demo-cadre-zhujian');
  const home = await openPage('packages/duty/home/index');
  await tap(home, '#reliefs');
  expect(harness.lastNavigation?.url).toBe('/packages/duty/reliefs/index');
  const page = await openPage('packages/duty/reliefs/index');
  expect(page.text()).toContain('还没有帮扶对子');
  await emit(page, '#kind', 'change', 'youfu');
  await typeInto(page, '#household', '优抚对象王大娘');
  await typeInto(page, '#plan', '节日走访慰问，帮助修缮住房');
  await tap(page, '#add');
  expect(toastText(page)).toBe('请填写联系人');
  await typeInto(page, '#contact', '住建局办公室张三');
  await tap(page, '#add');
  expect(page.text()).toContain('优抚对象王大娘');
  expect(page.text()).toContain('联系人：住建局办公室张三');
  expect(page.text()).toContain('春种走访慰问');
  await tap(page, '#visit-1'); // 八一 (春种, 八一, 秋收, 春节)
  expect(page.text()).toMatch(/\d{4}-\d{2}-\d{2} 已走访/);
  const after = await openPage('packages/duty/home/index');
  expect(after.text()).toContain('春种秋收、八一、春节走访优抚对象困难户');
  expect(after.text()).toContain('1/4次');
});
