/**
 * @jest-environment ./test/pages/environment.js
 *
 * 调查评价 (S10) on the compiled pages against the real functions: an admin builds a survey on
 * 新建调查 and publishes it on 民意调查管理; a resident reaches it from a 连心卡 (the card's unit
 * first), answers once and is told so when coming back; after the timer's tally the results page
 * shows each subject's means and, opened, its five levels as bars; 公布结果 to a scope; the .xlsx
 * export is written on the phone and opened.
 */
import { Workbook } from 'exceljs';
import { tallySurveys } from '../../server/jobs/surveys';
import { actAs, answerDialog, emit, harness, openPage, parseUrl, tap, toastText, typeInto, useTestCloud, type PageHandle } from './harness';

const cloud = useTestCloud();

type Survey = {
  _id: string;
  title: string;
  status: string;
  subjects: { id: string; unitId: string; kind: string }[];
  resultScope: string | null;
};
const surveys = async (): Promise<Survey[]> =>
  ((await cloud().dump()) as { collections: { surveys?: Survey[] } }).collections.surveys ?? [];
const responses = async (): Promise<Record<string, unknown>[]> =>
  ((await cloud().dump()) as { collections: { survey_responses?: Record<string, unknown>[] } }).collections.survey_responses ?? [];

/** Files the page wrote on the phone, and the documents it opened. */
const { written, opened } = harness;

let surveyId = '';

test('an admin builds a survey on 新建调查 from the directory’s units; it is saved as a draft', async () => {
  actAs('demo-admin');
  const form = await openPage('packages/admin/survey-new/index');
  expect(form.text()).toContain('县人社局');
  await tap(form, '#save');
  expect(toastText(form)).toBe('调查标题请至少写2个字');
  await typeInto(form, '#title', '2026年度群众满意度调查');
  await tap(form, '#save');
  expect(toastText(form)).toBe('请至少选择一个评价对象');
  const units = form.data.units as { id: string }[];
  const at = (id: string) => String(units.findIndex((u) => u.id === id));
  await emit(form, '#unit-unit-renshe', 'change', { value: '2' }); // 执法窗口单位
  await emit(form, '#unit-unit-chengguan', 'change', { value: '1' }); // 领导班子
  expect(at('unit-renshe')).not.toBe('-1');
  await typeInto(form, '#new-question', '窗口环境');
  await tap(form, '#add-question');
  expect(form.text()).toContain('4. 窗口环境');
  await tap(form, '#save');
  expect(harness.lastNavigation).toEqual({ kind: 'redirectTo', url: '/packages/admin/surveys/index' });
  const [s] = await surveys();
  expect(s).toMatchObject({ title: '2026年度群众满意度调查', status: 'draft' });
  expect(s!.subjects.map((x) => [x.unitId, x.kind])).toEqual([
    ['unit-renshe', '执法窗口单位'],
    ['unit-chengguan', '领导班子'],
  ]);
  surveyId = s!._id;
});

test('修改 on 民意调查管理 opens the draft as saved; the change is saved over it', async () => {
  actAs('demo-admin');
  const list = await openPage('packages/admin/surveys/index');
  await tap(list, `#edit-${surveyId}`);
  const { path, query } = parseUrl(harness.lastNavigation!.url);
  expect([path, query.id]).toEqual(['packages/admin/survey-new/index', surveyId]);
  const form = await openPage(path, query);
  expect(form.data).toMatchObject({ editing: true, titleValue: '2026年度群众满意度调查', minValue: '30' });
  expect(form.text()).toContain('4. 窗口环境');
  expect(form.text()).toContain('保存修改');
  const kinds = (form.data.units as { id: string; kind: number }[]).filter((u) => u.kind > 0).map((u) => [u.id, u.kind]);
  expect(kinds).toEqual([
    ['unit-renshe', 2],
    ['unit-chengguan', 1],
  ]);
  await typeInto(form, '#intro', '请根据您的亲身感受评价');
  await typeInto(form, '#new-question', '排队时间');
  await tap(form, '#add-question');
  await tap(form, '#remove-question-4'); // and out again: the questions are the draft's
  await tap(form, '#save');
  expect(harness.lastNavigation).toEqual({ kind: 'redirectTo', url: '/packages/admin/surveys/index' });
  const [s] = await surveys();
  expect(s).toMatchObject({ _id: surveyId, title: '2026年度群众满意度调查', intro: '请根据您的亲身感受评价', status: 'draft' });
  expect((s as unknown as { questions: { text: string }[] }).questions.map((q) => q.text)).toEqual([
    '服务态度',
    '办事效率',
    '意见建议',
    '窗口环境',
  ]);
  expect((s as unknown as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(['create', 'edit']);
  expect(s!.subjects.map((x) => [x.id, x.unitId, x.kind])).toEqual([
    ['s1', 'unit-renshe', '执法窗口单位'],
    ['s2', 'unit-chengguan', '领导班子'],
  ]);
});

test('民意调查管理 publishes the draft after a confirmation', async () => {
  actAs('demo-admin');
  const list = await openPage('packages/admin/surveys/index');
  expect(list.text()).toContain('草稿');
  await tap(list, `#publish-${surveyId}`);
  expect(await answerDialog(list)).toContain('发布后群众即可在调查时间内作答');
  expect((await surveys())[0]!.status).toBe('open');
  expect(list.text()).toContain('进行中');
});

test('a resident who dealt with one of its units is told in 消息 (and WeChat); the message opens the survey, that unit first', async () => {
  await cloud().ok('demo-resident-2', 'request', 'submit', {
    clientId: 'survey-page-notice-1',
    category: '咨询',
    content: '失业保险金怎么申领？',
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: false,
  });
  expect((await cloud().raw(null, 'timer', { Type: 'Timer', TriggerName: 'chase', Time: new Date().toISOString() })).ok).toBe(true);
  actAs('demo-resident-2');
  const inbox = await openPage('pages/messages/index');
  const rows = inbox.data.rows as { title: string; line: string; url: string }[];
  const i = rows.findIndex((r) => r.title.endsWith('请您评价县人社局'));
  expect(rows[i]!.title).toContain('年度群众满意度调查：请您评价县人社局');
  expect(rows[i]!.line).toMatch(/^民意调查 · .+前可参加/);
  inbox.comp.querySelectorAll('.message')[i]!.dispatchEvent('tap');
  await inbox.settle();
  const { path, query } = parseUrl(harness.lastNavigation!.url);
  expect([path, query.id, query.unit]).toEqual(['packages/survey/answer/index', surveyId, 'unit-renshe']);
  // the page the push and the message name, from the compiled package: the survey, its unit first
  const form = await openPage(path, query);
  expect(form.text()).toContain('2026年度群众满意度调查');
  expect((form.data.subjects as { name: string }[]).map((x) => x.name)).toEqual(['县人社局', '城关镇人民政府']);
  expect(form.data.state).toBe('form');
});

async function answerFromCard(who: string): Promise<PageHandle> {
  actAs(who);
  const card = await openPage('packages/request/card/index', { scene: 'c-renshe-01' });
  expect(card.text()).toContain('参加民意调查');
  await tap(card, '#survey');
  const { path, query } = parseUrl(harness.lastNavigation!.url);
  expect([path, query.id, query.unit]).toEqual(['packages/survey/answer/index', surveyId, 'unit-renshe']);
  return openPage(path, query);
}

test('a resident reaches it from a 连心卡 (that unit first), answers once, and is told so when coming back', async () => {
  const form = await answerFromCard('demo-resident-1');
  expect(form.text()).toContain('答卷不记名');
  const names = (form.data.subjects as { name: string }[]).map((s) => s.name);
  expect(names).toEqual(['县人社局', '城关镇人民政府']);
  await tap(form, '#submit');
  expect(toastText(form)).toBe('请至少评价一个对象');
  await tap(form, '#choice-s1-0-5'); // 服务态度: 非常满意
  await tap(form, '#choice-s1-1-4'); // 办事效率: 满意
  expect(form.$('#choice-s1-0-5')!.dom?.className).toContain('choice--on');
  await emit(form, '#text-s1-2', 'input', { value: '  窗口排队太久  ' });
  await tap(form, '#subject-s2'); // the next subject opens
  await tap(form, '#choice-s2-0-0'); // 不了解 only: not an evaluation
  await tap(form, '#submit');
  expect(form.text()).toContain('提交成功，感谢您的参与');
  const stored = await responses();
  expect(stored).toHaveLength(1);
  expect(stored[0]!.items).toEqual([{ subjectId: 's1', answers: [5, 4, '窗口排队太久', 0] }]);
  expect(JSON.stringify(stored)).not.toContain('demo-resident-1');

  const again = await openPage('packages/survey/answer/index', { id: surveyId });
  expect(again.text()).toContain('您已参加过本次调查');
  const card = await openPage('packages/request/card/index', { scene: 'c-renshe-01' });
  expect(card.text()).not.toContain('参加民意调查');
});

test('the results page shows each subject’s means, the five levels as bars when opened, and a note when few answered', async () => {
  await answerFromCard('demo-resident-2').then(async (form) => {
    await tap(form, '#choice-s1-0-3');
    await tap(form, '#submit');
  });
  await tallySurveys({ now: Date.now(), until: Date.now() + 60_000 });
  actAs('demo-admin');
  const page = await openPage('packages/survey/results/index', { id: surveyId });
  expect(page.text()).toContain('共2人作答');
  expect(page.text()).toContain('结果尚未公布，仅管理员可见');
  expect(page.text()).toContain('2人评价 · 服务态度 4.00分 · 办事效率 4.00分');
  expect(page.text()).toContain('仅2人作答（少于30人），结果仅供参考');
  expect(page.comp.querySelectorAll('.bar')).toHaveLength(0);
  await tap(page, '#subject-s1');
  const bars = page.comp.querySelectorAll('.bar__fill');
  expect(bars).toHaveLength(15); // three scale questions × five levels
  // 服务态度: 非常满意 1 of 2 (50%), 基本满意 1 of 2 (50%)
  expect(bars.slice(0, 5).map((b) => b.dom?.getAttribute('style')?.replace(/\s/g, ''))).toEqual([
    'width:50%',
    'width:0%',
    'width:50%',
    'width:0%',
    'width:0%',
  ]);
  expect(page.text()).toContain('2人评分，平均4.00分（满分5分）');
  expect(page.text()).toContain('1条意见建议');
});

test('closing, publishing the results to the staff, and the export written and opened on the phone', async () => {
  actAs('demo-resident-1');
  const before = await openPage('packages/survey/results/index', { id: surveyId });
  expect(before.text()).toContain('调查结果尚未向您公布');

  actAs('demo-admin');
  const list = await openPage('packages/admin/surveys/index');
  await tap(list, `#close-${surveyId}`);
  expect(await answerDialog(list)).toContain('结束后不再收答卷');
  await emit(list, `#scope-${surveyId}`, 'change', { value: '1' });
  expect(await answerDialog(list)).toContain('全县干部查看全部结果');
  expect((await surveys())[0]).toMatchObject({ status: 'closed', resultScope: 'staff' });
  expect(list.text()).toContain('结果已公布（全县干部查看全部结果）');

  await tap(list, `#export-${surveyId}`);
  expect(opened).toEqual(['wxfile://usr/2026年度群众满意度调查.xlsx xlsx']);
  const wb = new Workbook();
  await wb.xlsx.load(written.get('wxfile://usr/2026年度群众满意度调查.xlsx')! as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['调查结果', '意见建议']);

  actAs('demo-cadre-zhujian');
  const staff = await openPage('packages/survey/results/index', { id: surveyId });
  expect(staff.text()).toContain('公布范围：全县干部查看全部结果');
  expect(staff.text()).toContain('县人社局');
  actAs('demo-resident-1');
  const resident = await openPage('packages/survey/results/index', { id: surveyId });
  expect(resident.text()).toContain('调查结果尚未向您公布');
});

test('the survey list: open surveys to answer, for everyone on 我的', async () => {
  actAs('demo-resident-2');
  const me = await openPage('pages/me/index');
  expect(me.text()).toContain('民意调查');
  const list = await openPage('packages/survey/list/index');
  expect(list.text()).toContain('现在没有进行中的调查'); // the only one is closed, its results not public
});
