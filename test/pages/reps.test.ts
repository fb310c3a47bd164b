/**
 * @jest-environment ./test/pages/environment.js
 *
 * The representatives' pages as shipped (compiled package) against the real functions: 我的 entries
 * by role; a resident's scan of a representative's card and the opinion sent from it; the
 * representative's 工作台, 记录走访 and 记录群众意见 (with the 认领码 a constituent then enters on
 * 我的意见); the convener's 联络组 page (activities, compiling a 建议); the 党代表联络办's desk
 * (forwarding to units, every representative's year).
 */
import { actAs, answerDialog, emit, harness, openPage, parseUrl, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
const CONVENER = 'demo-rep-1';
const MEMBER = 'demo-rep-2';
const ADMIN = 'demo-admin';
const R1 = 'demo-resident-1';
const R2 = 'demo-resident-2';

test('我的 shows the representative’s desk to representatives, the office to admins, 我的意见 to everyone', async () => {
  actAs(CONVENER);
  let me = await openPage('pages/me/index');
  expect(me.text()).toContain('代表');
  expect(me.$('#rep-home')).toBeDefined();
  expect(me.$('#rep-desk')).toBeUndefined();
  actAs(ADMIN);
  me = await openPage('pages/me/index');
  expect(me.$('#rep-desk')).toBeDefined();
  expect(me.$('#rep-home')).toBeUndefined();
  actAs(R1);
  me = await openPage('pages/me/index');
  expect(me.$('#my-opinions')).toBeDefined();
  expect(me.$('#rep-home')).toBeUndefined();
});

test('a scan of a representative’s code opens her card; an opinion is checked, sent once, and listed as mine', async () => {
  actAs(R1);
  const home = await openPage('pages/home/index');
  harness.scanResult = { path: 'packages/rep/card/index?scene=r-liuhongmei' };
  await tap(home, '#scan');
  const nav = parseUrl(harness.lastNavigation!.url);
  expect(nav).toEqual({ path: 'packages/rep/card/index', query: { scene: 'r-liuhongmei' } });

  const card = await openPage(nav.path, nav.query);
  expect(card.text()).toContain('刘红梅');
  expect(card.text()).toContain('城关镇党代表联络站');
  await tap(card, '#phone');
  expect(harness.calls[harness.calls.length - 1]).toEqual({ phoneNumber: '0000-6620101' });

  await tap(card, '#send');
  expect(toastText(card)).toBe('意见内容请至少写5个字');
  await typeInto(card, '#content', '镇上菜市场周边占道经营严重，早上上学堵车');
  await typeInto(card, '#contact-phone', '1380000');
  await tap(card, '#send');
  expect(toastText(card)).toBe('请填写11位手机号码');
  await typeInto(card, '#contact-phone', '13800001234');
  await typeInto(card, '#contact-name', '王秀英');
  expect(card.text()).toContain('只有这位代表能看到您是谁');
  await tap(card, '#send');
  expect(await answerDialog(card)).toContain('您的意见已送达代表');
  expect(harness.lastNavigation?.url).toBe('/packages/rep/mine/index');
  // the same form sent again is the same opinion
  await tap(card, '#send');
  await answerDialog(card);
  const dump = (await cloud().dump()) as { collections: Record<string, { content?: string }[]> };
  expect(dump.collections.rep_opinions!.filter((o) => o.content === '镇上菜市场周边占道经营严重，早上上学堵车')).toHaveLength(1);

  const mine = await openPage('packages/rep/mine/index');
  expect(mine.text()).toContain('镇上菜市场周边占道经营严重');
  expect(mine.text()).toContain('扫码留言给刘红梅');
  expect(mine.text()).toContain('待汇总');

  const bad = await openPage('packages/rep/card/index', { scene: 'r-nobody-here' });
  expect(bad.text()).toContain('这张党代表联系卡已失效或不存在');
});

test('工作台: progress against the target; a visit recorded, then an opinion from it whose 认领码 the constituent enters', async () => {
  actAs(CONVENER);
  let home = await openPage('packages/rep/home/index');
  expect(home.text()).toContain('联系群众进度');
  expect(home.$('#people')!.dom!.textContent).toBe('0/50');
  // she sees who sent her the opinion above (masked phone), nobody else does
  expect(home.text()).toContain('王秀英 138****1234');
  expect(home.text()).not.toContain('13800001234');
  await tap(home, '#show-code');
  expect(home.$('#code')).toBeDefined();
  await tap(home, '#record-visit');
  expect(harness.lastNavigation?.url).toBe('/packages/rep/record/index?kind=visit');

  const visit = await openPage('packages/rep/record/index', { kind: 'visit' });
  await tap(visit, '#save');
  expect(toastText(visit)).toBe('走访地点请至少写2个字');
  await typeInto(visit, '#place', '河西村三组');
  await typeInto(visit, '#people', '0');
  await tap(visit, '#save');
  expect(toastText(visit)).toBe('走访人数请填写1到200之间的整数');
  await typeInto(visit, '#people', '4');
  await tap(visit, '#save');
  expect(await answerDialog(visit)).toContain('走访4人已计入年度进度');
  const next = parseUrl(harness.lastNavigation!.url);
  expect(next.query.kind).toBe('opinion');
  expect(next.query.visitId).toMatch(/^[0-9a-f]{24}$/);

  const rec = await openPage(next.path, next.query);
  expect(rec.text()).toContain('记录本次走访中听到的意见');
  await typeInto(rec, '#content', '村卫生室晚上没人值班，老人看病不方便');
  await typeInto(rec, '#contact-name', '陈大山');
  await tap(rec, '#save');
  const told = await answerDialog(rec);
  const code = /认领码 ([2-9A-Z]{8})/.exec(told)![1]!;

  home = await openPage('packages/rep/home/index');
  expect(home.$('#people')!.dom!.textContent).toBe('4/50');
  expect(home.text()).toContain(`群众认领码：${code}`);

  actAs(R2);
  const mine = await openPage('packages/rep/mine/index');
  await typeInto(mine, '#code', 'abc');
  await tap(mine, '#claim');
  expect(toastText(mine)).toBe('认领码是8位字母或数字，请核对');
  await typeInto(mine, '#code', code.toLowerCase());
  await tap(mine, '#claim');
  expect(mine.text()).toContain('村卫生室晚上没人值班');
  expect(mine.text()).toContain('刘红梅走访代录');
});

test('联络组: the convener plans and records an activity, and compiles opinions into a 建议; a member only reads', async () => {
  actAs(MEMBER);
  const member = await openPage('packages/rep/compile/index');
  expect(member.text()).toContain('城关镇党代表联络组');
  expect(member.$('#submit')).toBeUndefined();
  expect(member.$('#plan')).toBeUndefined();

  actAs(CONVENER);
  const g = await openPage('packages/rep/compile/index');
  expect(g.text()).toContain('本季度已开展活动0次（每季度至少1次）');
  await tap(g, '#plan');
  expect(toastText(g)).toBe('请选择活动类型');
  await emit(g, '#activity-kind', 'change', '视察');
  await typeInto(g, '#topic', '道路照明设施视察');
  await tap(g, '#plan');
  expect(g.text()).toContain('道路照明设施视察');
  await tap(g, '#attend-0');
  await tap(g, '#save-attendance');
  expect(toastText(g)).toBe('请选择到场的代表');
  // members are named by their cards' keys, never an openid
  expect(JSON.stringify(g.data.group)).not.toContain(CONVENER);
  await emit(g, '#present', 'change', ['r-liuhongmei', 'r-zhangweidong']);
  await tap(g, '#save-attendance');
  expect(g.text()).toContain('到场：刘红梅、张卫东');
  expect(g.text()).toContain('本季度已开展活动1次');

  const open = g.data.opinions as { id: string }[];
  expect(open.length).toBe(2);
  await tap(g, '#submit');
  expect(toastText(g)).toBe('请至少选择一条群众意见');
  await emit(
    g,
    '#chosen',
    'change',
    open.map((o) => o.id),
  );
  await emit(g, '#kind', 'change', '建议');
  await typeInto(g, '#title', '关于改善城关镇民生服务的建议');
  await typeInto(g, '#content', '群众反映菜市场周边占道经营、村卫生室夜间无人值班，建议镇政府统筹整治。');
  await typeInto(g, '#handler', '刘红梅');
  await tap(g, '#submit');
  expect(toastText(g)).toBe('牵头责任人请至少写2个字');
  await typeInto(g, '#lead', '城关镇分管副镇长');
  await tap(g, '#submit');
  expect(await answerDialog(g)).toContain('建议《关于改善城关镇民生服务的建议》已提交党代表联络办');
  expect(g.text()).toContain('没有待汇总的意见');
});

test('联络办: a waiting 建议 is read without hidden identities, forwarded to two units, and the year’s figures show', async () => {
  actAs(ADMIN);
  const desk = await openPage('packages/rep/desk/index');
  expect(desk.text()).toContain('关于改善城关镇民生服务的建议');
  expect(desk.text()).toContain('代表联系群众进度（差距最大的在前）');
  // 张卫东 has met nobody this year: he leads the list
  expect((desk.data.figures as { name: string }[])[0]!.name).toBe('张卫东');
  // the office's own activities: none held yet this year, two wanted
  expect(desk.$('#office-held')!.dom!.textContent).toContain('已开展0次（每年至少2次）');
  await tap(desk, '#plan');
  expect(toastText(desk)).toBe('请选择活动类型');
  await emit(desk, '#activity-kind', 'change', '建言献策');
  await typeInto(desk, '#topic', '全县党代表建言献策会');
  await tap(desk, '#plan');
  expect(desk.text()).toContain('全县党代表建言献策会（已计划）');
  await tap(desk, '#office-attend-0');
  await emit(desk, '#present', 'change', ['r-liuhongmei', 'r-zhangweidong']);
  await tap(desk, '#save-attendance');
  expect(desk.text()).toContain('到场：刘红梅、张卫东');
  expect(desk.$('#office-held')!.dom!.textContent).toContain('已开展1次');
  await tap(desk, '#proposal-0');
  expect(desk.text()).toContain('牵头责任人：城关镇分管副镇长');
  // 王秀英 did not make her identity public: the office reads 保密
  expect(desk.text()).toContain('保密');
  expect(desk.text()).not.toContain('王秀英');
  await tap(desk, '#forward');
  expect(toastText(desk)).toBe('请选择承办单位');
  await emit(desk, '#units', 'change', ['unit-chengguan', 'unit-renshe']);
  await tap(desk, '#forward');
  expect(await answerDialog(desk)).toContain('已交城关镇人民政府、县人社局办理');
  expect(desk.text()).toContain('没有待受理的建议');

  // the unit finds it in its inbox as a request to sign for
  actAs('demo-cadre-renshe');
  const inbox = await openPage('packages/cadre/inbox/index');
  expect(inbox.text()).toContain('【建议】关于改善城关镇民生服务的建议');
});
