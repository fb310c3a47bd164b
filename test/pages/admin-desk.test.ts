/**
 * @jest-environment ./test/pages/environment.js
 *
 * The dispatcher's desk against the real functions: 我的 entries, 督办台 (after the timer's chase),
 * 信访登记 reaching the unit's inbox, and 时限规则 edits (统计: figures.test.ts).
 */
import type { SubmitInput } from '../../typings';
import { chase } from '../../server/jobs/chase';
import { loadDirectory } from '../../server/directoryCache';
import { actAs, answerDialog, emit, harness, openPage, parseUrl, tap, tapRow, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
let n = 0;
const DAY = 86_400_000;
const ADMIN = 'demo-admin';

async function submit(openid: string, extra: Partial<SubmitInput> & { content: string }) {
  n += 1;
  return cloud().ok(openid, 'request', 'submit', {
    clientId: `desk-test-${String(n).padStart(6, '0')}`,
    category: '求助',
    scene: 'c-zhujian-01',
    confidential: false,
    mayContact: false,
    ...extra,
  });
}

test('我的 shows the desk entries to admins and 统计 to cadres', async () => {
  actAs(ADMIN);
  let me = await openPage('pages/me/index');
  for (const id of ['#overdue', '#register', '#figures', '#policies', '#queue', '#invite']) expect(me.$(id)).toBeDefined();
  expect(me.text()).toContain('督办台');
  expect(me.text()).toContain('时限规则');

  actAs('demo-cadre-renshe');
  me = await openPage('pages/me/index');
  expect(me.$('#unit-figures')).toBeDefined();
  expect(me.$('#overdue')).toBeUndefined();

  actAs('demo-resident-1');
  me = await openPage('pages/me/index');
  expect(me.$('#unit-figures')).toBeUndefined();
  expect(me.$('#figures')).toBeUndefined();
});

test('督办台: empty at first; a request the chase made overdue shows with its tag and opens the handle page', async () => {
  actAs(ADMIN);
  let desk = await openPage('packages/admin/overdue/index');
  expect(desk.text()).toContain('没有超期的诉求');

  const s = await submit('demo-resident-2', { content: '小区外墙瓷砖脱落砸坏车辆，无人处理' });
  // Ten days on, nobody signed: the chase has gone to 通报.
  await chase({ dir: await loadDirectory(), now: Date.now() + 10 * DAY, until: Date.now() + 60_000 });

  desk = await openPage('packages/admin/overdue/index');
  expect(desk.text()).toContain('小区外墙瓷砖脱落砸坏车辆');
  expect(desk.text()).toContain('已通报');
  await tapRow(desk, 0);
  const nav = parseUrl(harness.lastNavigation!.url);
  expect(nav).toEqual({ path: 'packages/cadre/handle/index', query: { id: s.id } });

  // The dispatcher's view of it: the chase tag, and what a dispatcher may do.
  const h = await openPage(nav.path, nav.query);
  expect(h.text()).toContain('已通报');
  expect(h.$('#reject')).toBeDefined();
  expect(h.$('#accept')).toBeUndefined();
});

test('信访登记: checks the form, registers once, and the item reaches the unit inbox', async () => {
  actAs(ADMIN);
  const form = await openPage('packages/admin/register/index');
  await tap(form, '#register');
  expect(toastText(form)).toBe('请选择信访事项类型');
  await emit(form, '#category', 'change', '投诉');
  await typeInto(form, '#content', '来信反映：企业拖欠农民工工资三个月未发放');
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + DAY).toISOString().slice(0, 10);
  await emit(form, '#received', 'change', { value: tomorrow });
  expect(toastText(form)).toBe('收信（来访）日期不能晚于今天');
  const yesterday = new Date(Date.now() + 8 * 3600_000 - DAY).toISOString().slice(0, 10);
  await emit(form, '#received', 'change', { value: yesterday });
  expect(form.data.receivedDay).toBe(yesterday);
  await typeInto(form, '#contact-name', '张师傅');
  await typeInto(form, '#contact-phone', '1380000');
  await emit(form, '#target', 'change', 'unit');
  await tap(form, '#register');
  expect(toastText(form)).toBe('请填写11位手机号码');
  await typeInto(form, '#contact-phone', '13800008888');
  await tap(form, '#register');
  expect(toastText(form)).toBe('请选择转送单位');
  await tap(form, '#unit');
  const units = form.data.pickerColumns as string[];
  await emit(form, '#picker', 'confirm', { index: units.indexOf('县人社局'), value: '县人社局' });
  await tap(form, '#register');
  const shown = await answerDialog(form);
  expect(shown).toContain('登记成功');
  expect(shown).toContain('已转送承办单位');
  expect(harness.lastNavigation?.url).toMatch(/^\/packages\/cadre\/handle\/index\?id=/);

  // A second tap of the same form is the same item, not a second one.
  await tap(form, '#register');
  expect(await answerDialog(form)).toContain('这件信访已经登记过');
  const dump = (await cloud().dump()) as { collections: Record<string, { content?: string }[]> };
  expect(dump.collections.requests!.filter((r) => r.content === '来信反映：企业拖欠农民工工资三个月未发放')).toHaveLength(1);

  actAs('demo-cadre-renshe');
  const inbox = await openPage('packages/cadre/inbox/index');
  expect(inbox.text()).toContain('来信反映：企业拖欠农民工工资三个月未发放');
  await tapRow(inbox, 0);
  const h = await openPage('packages/cadre/handle/index', parseUrl(harness.lastNavigation!.url).query);
  expect(h.text()).toContain('信访事项：15日内登记转送');
});

test('时限规则: a server refusal is shown; an edit shows the new label and limits', async () => {
  actAs(ADMIN);
  const p = await openPage('packages/admin/policies/index');
  expect(p.text()).toContain('一般诉求：1个工作日内签收，7个工作日内答复');
  const rows = p.data.rows as { id: string }[];
  const i = rows.findIndex((r) => r.id === 'policy-general');
  await tap(p, `#policy-${i}`);
  expect(p.data.editing).toBe(true);

  await typeInto(p, '#label', '短');
  await tap(p, '#save');
  await answerDialog(p);
  expect(toastText(p)).toBe('时限说明请至少写2个字');

  await typeInto(p, '#limit-accept', '0');
  await tap(p, '#save');
  expect(toastText(p)).toBe('“签收”请填写1到365之间的整数');

  await typeInto(p, '#limit-accept', '2');
  await tap(p, '#unit-finish');
  await emit(p, '#unit-picker', 'confirm', { index: 2, value: '日' });
  await typeInto(p, '#label', '一般诉求：2个工作日内签收，7日内答复');
  await tap(p, '#save');
  expect(await answerDialog(p)).toContain('只对新收到的诉求生效');
  expect(p.data.editing).toBe(false);
  expect(p.text()).toContain('一般诉求：2个工作日内签收，7日内答复');
  expect(p.text()).toContain('签收 2个工作日 · 办结 7日');

  const again = await openPage('packages/admin/policies/index');
  expect(again.text()).toContain('一般诉求：2个工作日内签收，7日内答复');
});

test('节假日调整: an admin enters 元旦 2027 as a day off, sees it beside what the package said, and removes it', async () => {
  actAs(ADMIN);
  const p = await openPage('packages/admin/calendar/index');
  expect(p.text()).toContain('还没有本县登记的调整');

  await tap(p, '#save');
  expect(toastText(p)).toBe('请选择日期');
  await emit(p, '#date', 'change', { value: '2027-01-01' });
  await tap(p, '#save');
  expect(toastText(p)).toBe('请填写名称，如“元旦”或“春节调休”');

  await typeInto(p, '#name', '元旦');
  await tap(p, '#save');
  await answerDialog(p);
  expect(p.text()).toContain('2027-01-01 元旦');
  expect(p.text()).toContain('放假（原为工作日）');
  const stored = (await cloud().ok(ADMIN, 'admin', 'calendarDays', {})).map((d) => [d.date, d.work]);
  expect(stored).toEqual([['2027-01-01', false]]);

  await tap(p, '#remove-2027-01-01');
  await answerDialog(p);
  expect(p.text()).toContain('还没有本县登记的调整');
  expect(await cloud().ok(ADMIN, 'admin', 'calendarDays', {})).toEqual([]);
});
