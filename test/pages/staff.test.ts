/**
 * @jest-environment ./test/pages/environment.js
 *
 * Cadres and the dispatcher: 我的 entries by role, the inbox, handling (with the petitioner masked
 * or 保密), binding an invite, the queue and invites — against the real functions.
 */
import type { SubmitInput } from '../../typings';
import { actAs, answerDialog, emit, harness, hook, openPage, rows, tap, tapRow, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
let n = 0;

async function submit(openid: string, extra: Partial<SubmitInput> & { content: string }) {
  n += 1;
  return cloud().ok(openid, 'request', 'submit', {
    clientId: `staff-test-${String(n).padStart(6, '0')}`,
    category: '求助',
    scene: 'c-chengguan-01',
    confidential: false,
    mayContact: false,
    ...extra,
  });
}

test('我的 shows entries by role', async () => {
  actAs('demo-resident-1');
  let me = await openPage('pages/me/index');
  expect(me.text()).toContain('群众');
  expect(me.$('#inbox')).toBeUndefined();
  expect(me.$('#queue')).toBeUndefined();
  expect(me.$('#bind')).toBeDefined();

  actAs('demo-cadre-chengguan');
  me = await openPage('pages/me/index');
  expect(me.text()).toContain('孙丽');
  expect(me.text()).toContain('城关镇人民政府');
  expect(me.$('#inbox')).toBeDefined();
  expect(me.$('#cards')).toBeDefined();
  expect(me.$('#queue')).toBeUndefined();

  actAs('demo-admin');
  me = await openPage('pages/me/index');
  expect(me.$('#queue')).toBeDefined();
  expect(me.$('#invite')).toBeDefined();
});

test('the handle page shows 保密 for a confidential request and a masked phone otherwise', async () => {
  const secret = await submit('demo-resident-1', {
    content: '反映邻居私搭乱建问题，请保密',
    confidential: true,
    mayContact: true,
    contactName: '王秀英',
    contactPhone: '13800001234',
  });
  const open = await submit('demo-resident-2', {
    content: '咨询低保申请需要什么材料',
    mayContact: true,
    contactName: '陈大山',
    contactPhone: '13800005678',
  });
  actAs('demo-cadre-chengguan');
  const a = await openPage('packages/cadre/handle/index', { id: secret.id });
  expect(a.text()).toContain('保密');
  expect(a.text()).not.toContain('13800001234');
  expect(a.text()).not.toContain('王秀英');
  const b = await openPage('packages/cadre/handle/index', { id: open.id });
  expect(b.text()).toMatch(/138\*{4}5678/);
  expect(b.text()).not.toContain('13800005678');
});

test('accept, then reply: the status changes after each, reply asks first', async () => {
  const r = await submit('demo-resident-1', { content: '村里自来水水压太低，楼上用不了水' });
  actAs('demo-cadre-chengguan');
  const h = await openPage('packages/cadre/handle/index', { id: r.id });
  expect(h.text()).toContain('已派单');
  await tap(h, '#accept');
  expect(h.text()).toContain('已签收');
  expect(h.$('#accept')).toBeUndefined();

  await tap(h, '#reply');
  await typeInto(h, '#reply-text', '好');
  await tap(h, '#reply-confirm');
  expect(toastText(h)).toBe('答复内容请至少写5个字');
  await typeInto(h, '#reply-text', '已联系水务公司加装增压泵，本周内完成');
  await tap(h, '#reply-confirm');
  expect(await answerDialog(h)).toContain('确认答复');
  expect(h.text()).toContain('已答复');
  expect(h.text()).toContain('已联系水务公司加装增压泵');

  // The resident now sees the reply and may rate it.
  actAs('demo-resident-1');
  const d = await openPage('packages/request/detail/index', { id: r.id });
  expect(d.text()).toContain('已联系水务公司加装增压泵');
  expect(d.$('#rate')).toBeDefined();
});

test('inbox: 待办 paginates on reach-bottom; 已办 shows its empty state', async () => {
  actAs('demo-cadre-zhujian');
  let inbox = await openPage('packages/cadre/inbox/index');
  expect(inbox.text()).toContain('暂时没有待办的诉求');
  for (let i = 0; i < 11; i += 1) await submit('demo-resident-2', { scene: 'c-zhujian-01', content: `楼道第${i + 1}处墙皮脱落，请来看看` });
  inbox = await openPage('packages/cadre/inbox/index');
  expect((inbox.data.rows as unknown[]).length).toBe(10);
  await hook(inbox, 'onReachBottom');
  expect((inbox.data.rows as unknown[]).length).toBe(11);
  expect(inbox.text()).toContain('没有更多了');

  await emit(inbox, '#tabs', 'change', { name: 'done', index: 1, title: '已办' });
  expect(inbox.text()).toContain('还没有办结的诉求');

  await emit(inbox, '#tabs', 'change', { name: 'todo', index: 0, title: '待办' });
  expect(rows(inbox).length).toBe(10);
  await tapRow(inbox, 0);
  expect(harness.lastNavigation?.url).toMatch(/^\/packages\/cadre\/handle\/index\?id=/);
});

test('return goes to the dispatcher, who sees the reason and dispatches it', async () => {
  const r = await submit('demo-resident-1', { content: '反映县城主干道路灯不亮的问题' });
  actAs('demo-cadre-chengguan');
  const h = await openPage('packages/cadre/handle/index', { id: r.id });
  await tap(h, '#return');
  await typeInto(h, '#return-reason', '主干道路灯归县住建局管理，非本镇职责');
  await tap(h, '#return-confirm');
  expect(await answerDialog(h)).toContain('确认退单');
  expect(h.text()).toContain('已退单');

  actAs('demo-admin');
  const q = await openPage('packages/admin/queue/index');
  expect(q.text()).toContain('反映县城主干道路灯不亮的问题');
  await tapRow(q, 0);
  expect(q.text()).toContain('主干道路灯归县住建局管理');
  await tap(q, '#dispatch-confirm');
  expect(toastText(q)).toBe('请选择派至的单位');
  await tap(q, '#dispatch-unit');
  const units = q.data.unitColumns as string[];
  await emit(q, '#unit-picker', 'confirm', { index: units.indexOf('县住建局'), value: '县住建局' });
  await tap(q, '#dispatch-confirm');
  expect(await answerDialog(q)).toContain('县住建局');
  expect(q.text()).toContain('没有等待派单的诉求');

  actAs('demo-cadre-zhujian');
  const inbox = await openPage('packages/cadre/inbox/index');
  expect(inbox.text()).toContain('反映县城主干道路灯不亮的问题');
});

test('admin makes an invite; a new cadre binds with it and lands in the inbox', async () => {
  actAs('demo-admin');
  const inv = await openPage('packages/admin/invite/index');
  await tap(inv, '#unit');
  const units = inv.data.unitColumns as string[];
  await emit(inv, '#unit-picker', 'confirm', { index: units.indexOf('县水务公司'), value: '县水务公司' });
  await emit(inv, '#level', 'change', '窗口工作人员');
  await tap(inv, '#create');
  const code = inv.data.code as string;
  expect(code).toMatch(/^[0-9A-Z]{8}$/);
  expect(inv.text()).toContain(code);
  expect(inv.text()).toContain('有效期至');
  await tap(inv, '#copy');
  expect(harness.clipboard).toBe(code);

  actAs('new-cadre-openid');
  const bind = await openPage('packages/cadre/bind/index');
  await typeInto(bind, '#code', 'ABC');
  await typeInto(bind, '#name', '钱多水');
  await tap(bind, '#bind');
  expect(toastText(bind)).toBe('邀请码是8位字母或数字，请核对');
  await typeInto(bind, '#code', 'ZZZZ2222');
  await tap(bind, '#bind');
  expect(toastText(bind)).not.toBe('');
  await typeInto(bind, '#code', code.toLowerCase());
  await tap(bind, '#bind', 1500);
  expect(harness.lastNavigation?.url).toBe('/packages/cadre/inbox/index');
  const me = await openPage('pages/me/index');
  expect(me.text()).toContain('县水务公司');
  expect(me.$('#inbox')).toBeDefined();
});

test('my unit cards show what residents see', async () => {
  actAs('demo-cadre-renshe');
  const c = await openPage('packages/cadre/cards/index');
  expect(c.text()).toContain('县人社局');
  expect(c.text()).toContain('0000-6612345');
  expect(c.text()).toContain('李建国（社保窗口负责人）');
  // The printable 小程序码: a PNG from wxacode.getUnlimited, shown after a tap.
  await tap(c, '#show-code-card-renshe-1');
  expect(String((c.data.codes as Record<string, string>)['card-renshe-1'])).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  expect(c.$('#code-card-renshe-1')).toBeDefined();
});
