/**
 * @jest-environment ./test/pages/environment.js
 *
 * The party members' pages as shipped (compiled package) against the real functions: 我的 entries by
 * role; a resident's scan of a member's 党群连心服务卡; the member's 服务台 (pairs against the range,
 * the card's code), pairing a resident, recording duties, and a 代办 whose 认领码 the resident enters
 * on the claim page the card opens, after which it is in their 我的诉求.
 */
import { actAs, answerDialog, emit, harness, openPage, parseUrl, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
const MEMBER = 'demo-volunteer-2';
const R1 = 'demo-resident-1';

test('我的 shows 党员服务台 to party members only; a scan of a member’s code opens the card', async () => {
  actAs(MEMBER);
  let me = await openPage('pages/me/index');
  expect(me.text()).toContain('党员');
  expect(me.$('#vol-home')).toBeDefined();
  actAs(R1);
  me = await openPage('pages/me/index');
  expect(me.$('#vol-home')).toBeUndefined();

  const home = await openPage('pages/home/index');
  harness.scanResult = { path: 'packages/volunteer/card/index?scene=v-hezhiyuan' };
  await tap(home, '#scan');
  const nav = parseUrl(harness.lastNavigation!.url);
  expect(nav).toEqual({ path: 'packages/volunteer/card/index', query: { scene: 'v-hezhiyuan' } });
  const card = await openPage(nav.path, nav.query);
  expect(card.text()).toContain('党群连心服务卡');
  expect(card.text()).toContain('何志远');
  expect(card.text()).toContain('东城街道幸福社区党支部');
  expect(card.$('#duties')!.dom!.textContent).toBe('反馈民意、调解纠纷、帮困扶弱、政策宣传、事务代办');
  await tap(card, '#phone');
  expect(harness.calls[harness.calls.length - 1]).toEqual({ phoneNumber: '0000-6620302' });
  const bad = await openPage('packages/volunteer/card/index', { scene: 'v-nobody-here' });
  expect(bad.text()).toContain('这张党群连心服务卡已失效或不存在');
});

test('服务台: below the range it is flagged; a resident is paired (checked at the field), a duty recorded, a 代办 handed over by its 认领码', async () => {
  actAs(MEMBER);
  let home = await openPage('packages/volunteer/home/index');
  expect(home.$('#pair-count')!.dom!.textContent).toBe('0');
  expect(home.$('#flag')!.dom!.textContent).toBe('结对群众不足10户，还差10户');
  await tap(home, '#show-code');
  expect(home.$('#code')).toBeDefined();
  await tap(home, '#add-pair');
  expect(harness.lastNavigation?.url).toBe('/packages/volunteer/pair/index');

  const form = await openPage('packages/volunteer/pair/index');
  await tap(form, '#save-pair');
  expect(toastText(form)).toBe('请填写群众姓名');
  await typeInto(form, '#name', '陈大山');
  await typeInto(form, '#phone', '1380000');
  await tap(form, '#save-pair');
  expect(toastText(form)).toBe('请填写11位手机号码');
  await typeInto(form, '#phone', '13800005678');
  await tap(form, '#save-pair');
  expect(toastText(form)).toBe('请选择群众所在的村（社区）');
  await tap(form, '#town');
  await emit(form, '#picker', 'confirm', { index: (form.data.pickerColumns as string[]).indexOf('东城街道'), value: '东城街道' });
  await tap(form, '#village');
  await emit(form, '#picker', 'confirm', { index: (form.data.pickerColumns as string[]).indexOf('幸福社区'), value: '幸福社区' });
  await typeInto(form, '#address', '幸福社区7栋301');
  await tap(form, '#save-pair');
  const next = parseUrl(harness.lastNavigation!.url);
  expect(next.path).toBe('packages/volunteer/pair/index');

  const pair = await openPage(next.path, next.query);
  expect(pair.$('#pair-name')!.dom!.textContent).toBe('陈大山 138****5678');
  expect(pair.text()).not.toContain('13800005678');
  await tap(pair, '#save-duty');
  expect(toastText(pair)).toBe('请选择服务类型');
  await emit(pair, '#kind', 'change', '调解纠纷');
  await typeInto(pair, '#content', '调解楼上楼下漏水纠纷');
  await tap(pair, '#save-duty');
  expect(toastText(pair)).toBe('请选择调解结果');
  await emit(pair, '#outcome', 'change', '调解成功');
  await tap(pair, '#save-duty');
  let again = await openPage(next.path, next.query);
  expect(again.text()).toContain('调解楼上楼下漏水纠纷');
  expect(again.text()).toContain('调解结果：调解成功');

  // 代办: the consent is asked for, then the request goes to the community's unit with a code to hand over
  await emit(again, '#kind', 'change', '事务代办');
  expect(again.text()).toContain('群众同意由我代为反映或办理');
  await typeInto(again, '#content', '代为申请残疾人两项补贴，材料已收齐');
  await emit(again, '#category', 'change', '求助');
  await tap(again, '#save-duty');
  expect(toastText(again)).toBe('请确认群众同意由您代为反映或办理，并选择同意方式');
  await emit(again, '#consent', 'change', '书面签字同意');
  await tap(again, '#save-duty');
  const told = await answerDialog(again);
  expect(told).toContain('已送东城街道办事处办理');
  const code = /认领码 ([2-9A-Z]{8})/.exec(told)![1]!;
  again = await openPage(next.path, next.query);
  expect(again.text()).toContain(`群众认领码：${code}`);
  expect(again.text()).toContain('群众书面签字同意');

  home = await openPage('packages/volunteer/home/index');
  expect(home.$('#pair-count')!.dom!.textContent).toBe('1');
  expect(home.text()).toContain('陈大山 138****5678');

  // the resident enters the code from the card's claim entry and follows it as their own
  actAs('demo-resident-2');
  const card = await openPage('packages/volunteer/card/index', { scene: 'v-hezhiyuan' });
  await tap(card, '#claim');
  const claimNav = parseUrl(harness.lastNavigation!.url);
  expect(claimNav).toEqual({ path: 'packages/request/claim/index', query: { from: 'volunteer' } });
  const claim = await openPage(claimNav.path, claimNav.query);
  expect(claim.text()).toContain('认领党员为我代办的事项');
  await typeInto(claim, '#code', 'abc');
  await tap(claim, '#claim');
  expect(toastText(claim)).toBe('认领码为党员给您的8位字母和数字');
  await typeInto(claim, '#code', code.toLowerCase());
  await tap(claim, '#claim');
  const detailNav = parseUrl(harness.lastNavigation!.url);
  expect(detailNav.path).toBe('packages/request/detail/index');
  const detail = await openPage(detailNav.path, detailNav.query);
  expect(detail.text()).toContain('代为申请残疾人两项补贴');
  const mine = await openPage('pages/requests/index');
  expect(mine.text()).toContain('代为申请残疾人两项补贴');

  // another member knows nothing of this pair
  const dump = (await cloud().dump()) as { collections: Record<string, { _id: string; name?: string }[]> };
  const pairId = dump.collections.vol_pairs!.find((p) => p.name === '陈大山')!._id;
  actAs('demo-volunteer-1');
  const stranger = await openPage('packages/volunteer/pair/index', { id: pairId });
  expect(stranger.text()).toContain('没有找到这户结对群众');
  expect(stranger.text()).not.toContain('陈大山');
});
