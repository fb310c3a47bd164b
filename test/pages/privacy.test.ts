/**
 * @jest-environment ./test/pages/environment.js
 *
 * The pages of issue 9, against the real functions: the complaint choice on the form (to the unit,
 * or about it: then its supervisor), 谁查看过我的联系方式 on the petitioner's request, the 受理告知
 * and its claim page, 书面答复送达, and the dispatcher's 调阅联系方式 with a reason.
 */
import { actAs, answerDialog, emit, harness, openPage, parseUrl, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();

async function requestOf(
  id: string,
): Promise<{ unitId: string | null; subjectUnitId: string | null; requesterId: string | null; status: string }> {
  const dump = (await cloud().dump()) as {
    collections: {
      requests: { _id: string; unitId: string | null; subjectUnitId: string | null; requesterId: string | null; status: string }[];
    };
  };
  return dump.collections.requests.find((r) => r._id === id)!;
}

test('投诉 through a card asks, in plain words, whether it is to the unit or about it; about it goes to the supervisor', async () => {
  actAs('demo-resident-1');
  const card = await openPage('packages/request/card/index', { scene: 'c-zhujian-01' });
  expect(card.text()).toContain('投诉本单位或其工作人员，由县政府督查室受理');
  // The card asks in words; a complaint about the unit itself is its own, separate choice.
  await tap(card, '#complain-about');
  const nav = parseUrl(harness.lastNavigation!.url);
  expect(nav.query).toEqual({ scene: 'c-zhujian-01', intent: 'report', about: '1' });
  const form = await openPage(nav.path, nav.query);
  expect(form.text()).toContain('请这个单位处理这件事');
  expect(form.text()).toContain('反映这个单位或它的工作人员的问题');
  expect(form.data.complaint).toBe('about');
  expect(form.text()).toContain('这个单位看不到您反映的内容');
  await typeInto(form, '#content', '住建局执法人员到工地检查时态度粗暴');
  await tap(form, '#send');
  const id = parseUrl(harness.lastNavigation!.url).query.id!;
  expect(await requestOf(id)).toMatchObject({ unitId: 'unit-ducha', subjectUnitId: 'unit-zhujian' });
});

test('反映问题 from a card chooses nothing for the resident: both choices in plain words with what happens, an error at the field until one is chosen', async () => {
  actAs('demo-resident-1');
  const card = await openPage('packages/request/card/index', { scene: 'c-zhujian-01' });
  await tap(card, '#intent-report');
  const nav = parseUrl(harness.lastNavigation!.url);
  expect(nav.query).toEqual({ scene: 'c-zhujian-01', intent: 'report' });
  const form = await openPage(nav.path, nav.query);
  expect(form.data.complaint).toBe('');
  expect(form.$('#complaint-hint-to')!.dom!.textContent).toBe('这个单位会看到您说的事并负责办理，需要时打电话问您。');
  expect(form.$('#complaint-hint-about')!.dom!.textContent).toBe('交给管它的监督部门办理，这个单位看不到您反映的内容。');
  await typeInto(form, '#content', '小区门口的路灯坏了一个月了');
  const before = harness.lastNavigation;
  await tap(form, '#send');
  expect(harness.lastNavigation).toBe(before); // nothing sent
  expect(form.$('#complaint-error')!.dom!.textContent).toBe('请选一项：请这个单位处理这件事，还是反映这个单位的问题');
  await emit(form, '#complaint', 'change', 'to');
  expect(form.$('#complaint-error')).toBeUndefined(); // gone once chosen
  await tap(form, '#send');
  const id = parseUrl(harness.lastNavigation!.url).query.id!;
  expect(await requestOf(id)).toMatchObject({ unitId: 'unit-zhujian', subjectUnitId: null });
});

test('the petitioner sees who looked at their contact details: unit, role and time', async () => {
  actAs('demo-resident-2');
  const form = await openPage('packages/request/submit/index', { scene: 'c-zhujian-01' });
  await emit(form, '#intent', 'change', 'report');
  await emit(form, '#complaint', 'change', 'to');
  await typeInto(form, '#content', '工地夜里十一点后还在施工，噪音很大');
  // No WeChat-bound number to give: the resident types one.
  await tap(form, '#type-phone');
  await typeInto(form, '#contact-name', '司马投诉');
  await typeInto(form, '#contact-phone', '13800007772');
  await tap(form, '#send');
  const id = parseUrl(harness.lastNavigation!.url).query.id!;
  let mine = await openPage('packages/request/detail/index', { id });
  expect(mine.text()).toContain('谁查看过我的联系方式');
  expect(mine.text()).toContain('还没有人查看过');

  actAs('demo-cadre-zhujian');
  const handle = await openPage('packages/cadre/handle/index', { id });
  await tap(handle, '#unmask');
  await answerDialog(handle);
  expect(handle.text()).toContain('13800007772');

  actAs('demo-resident-2');
  mine = await openPage('packages/request/detail/index', { id });
  expect(mine.text()).toMatch(/县住建局 干部 · \d{4}/);
});

test('受理告知: the dispatcher shows the claim code and its 小程序码; the petitioner scans it and follows the item', async () => {
  const reg = await cloud().ok('demo-admin', 'admin', 'register', {
    clientId: 'page-letter-0001',
    source: '来信',
    category: '求助',
    content: '来信反映：村里低保评定不公开',
    receivedAt: Date.now() - 3_600_000,
    contactName: '慕容来信',
    confidential: false,
    unitId: 'unit-chengguan',
  });
  actAs('demo-admin');
  const handle = await openPage('packages/cadre/handle/index', { id: reg.id });
  await tap(handle, '#show-notice');
  expect(handle.text()).toContain(`认领码 ${reg.claimCode}`);
  expect(handle.text()).toContain('受理告知');
  expect(String((handle.data.notice as { image: string }).image)).toMatch(/^data:image\/png;base64,/);

  actAs('demo-resident-1');
  // scanned from the app's own 扫一扫 on the home page: the 受理告知's code opens the claim page
  const home = await openPage('pages/home/index');
  harness.scanResult = { path: `packages/request/claim/index?scene=${encodeURIComponent(`k-${reg.claimCode}`)}`, result: '' };
  await tap(home, '#scan');
  const nav = parseUrl(harness.lastNavigation!.url);
  expect(nav.path).toBe('packages/request/claim/index');
  const claim = await openPage(nav.path, nav.query);
  expect(harness.lastNavigation?.url).toBe(`/packages/request/detail/index?id=${reg.id}`);
  expect((await requestOf(reg.id)).requesterId).toBe('demo-resident-1');
  // someone else with the same code is told plainly
  actAs('demo-resident-2');
  const other = await openPage('packages/request/claim/index');
  await typeInto(other, '#code', reg.claimCode.toLowerCase());
  await tap(other, '#claim');
  expect(toastText(other)).toContain('这件信访事项已被认领');
  expect(claim).toBeDefined();
});

test('书面答复送达: for a petitioner without the app, the dispatcher records method and date, and only then is it closed', async () => {
  const reg = await cloud().ok('demo-admin', 'admin', 'register', {
    clientId: 'page-letter-0002',
    source: '来访',
    category: '求助',
    content: '来访反映：小区供暖不热',
    receivedAt: Date.now() - 3_600_000,
    contactName: '慕容来信',
    confidential: false,
    unitId: 'unit-chengguan',
  });
  const d = await cloud().ok('demo-cadre-chengguan', 'request', 'detail', { id: reg.id });
  const a = await cloud().ok('demo-cadre-chengguan', 'request', 'accept', { id: d.id, version: d.version });
  await cloud().ok('demo-cadre-chengguan', 'request', 'reply', { id: a.id, version: a.version, reply: '已协调供热公司上门检修。' });
  actAs('demo-admin');
  const handle = await openPage('packages/cadre/handle/index', { id: reg.id });
  expect(handle.text()).toContain('已答复');
  await tap(handle, '#deliver');
  await tap(handle, '#deliver-confirm');
  expect(toastText(handle)).toContain('请选择送达方式');
  await emit(handle, '#deliver-method', 'change', '邮寄');
  await tap(handle, '#deliver-confirm');
  await answerDialog(handle);
  expect(handle.text()).toContain('已办结');
  expect(handle.text()).toMatch(/已于\d{4}.*邮寄送达/);
  expect((await requestOf(reg.id)).status).toBe('closed');
});

test('调阅联系方式: the dispatcher states a reason, sees the confidential petitioner, and the petitioner is told', async () => {
  const s = await cloud().ok('demo-resident-1', 'request', 'submit', {
    clientId: 'page-reveal-0001',
    category: '投诉',
    aboutUnit: true,
    content: '住建局执法人员吃拿卡要',
    scene: 'c-zhujian-01',
    confidential: true,
    mayContact: true,
    contactName: '欧阳保密',
    contactPhone: '13800007771',
  });
  actAs('demo-admin');
  const handle = await openPage('packages/cadre/handle/index', { id: s.id });
  expect(handle.text()).not.toContain('13800007771');
  await tap(handle, '#reveal');
  await typeInto(handle, '#reveal-reason', '短');
  await tap(handle, '#reveal-confirm');
  expect(toastText(handle)).toContain('调阅原因请至少写5个字');
  await typeInto(handle, '#reveal-reason', '需当面核实被投诉人员身份');
  await tap(handle, '#reveal-confirm');
  expect(handle.text()).toContain('13800007771');
  actAs('demo-resident-1');
  const mine = await openPage('packages/request/detail/index', { id: s.id });
  expect(mine.text()).toMatch(/县信访局 调度中心 · \d{4}/);
});
