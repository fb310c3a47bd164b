/**
 * @jest-environment ./test/pages/environment.js
 *
 * 联合办理 on the compiled package: the 信访局 dispatches from the 派单台 to a lead unit with a
 * co-handling unit; the co-handling unit finds it under 协办 and sends its part; the lead unit is told
 * whose part is missing, then answers the whole; the resident reads the lead's answer and who helped.
 */
import { actAs, answerDialog, emit, openPage, tap, tapRow, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();

/** The request the steps below carry from one to the next. */
let r: { id: string };

test('派单 with a co-handling unit (联合办理) from the 派单台', async () => {
  // 安居小区 is not in the routing catalogue: it waits on the 派单台.
  r = await cloud().ok('demo-resident-1', 'request', 'submit', {
    clientId: 'joint-page-000001',
    category: '求助',
    content: '安居小区门前道路塌陷，雨天积水，村里排水沟也堵了。',
    regionId: 'com-anju',
    confidential: false,
    mayContact: false,
  });

  actAs('demo-admin');
  const q = await openPage('packages/admin/queue/index');
  await tapRow(q, 0);
  expect(q.text()).toContain('安居小区门前道路塌陷');
  await tap(q, '#dispatch-unit');
  const units = q.data.unitColumns as string[];
  await emit(q, '#unit-picker', 'confirm', { index: units.indexOf('县住建局'), value: '县住建局' });
  await tap(q, '#co-units');
  const offered = q.data.coColumns as string[];
  expect(offered).not.toContain('县住建局'); // the lead is not its own co-handler
  await emit(q, '#co-picker', 'confirm', { index: offered.indexOf('城关镇人民政府'), value: '城关镇人民政府' });
  expect(q.text()).toContain('城关镇人民政府');
  await tap(q, '#dispatch-confirm');
  expect(await answerDialog(q)).toContain('县住建局牵头办理，由城关镇人民政府协办');
});

test('the lead is told whose part is missing; the co-handling unit sends its part from 协办', async () => {
  // The lead signs and is told whose part is missing: it cannot answer yet.
  actAs('demo-cadre-zhujian');
  const lead = await openPage('packages/cadre/handle/index', { id: r.id });
  await tap(lead, '#accept');
  expect(lead.text()).toContain('联合办理：等待城关镇人民政府提交协办意见');
  expect(lead.$('#reply')).toBeUndefined();

  // 城关镇: 工作台 → 协办 → the item → its part.
  actAs('demo-cadre-chengguan');
  const inbox = await openPage('packages/cadre/inbox/index');
  await emit(inbox, '#tabs', 'change', { name: 'co', index: 2, title: '协办' });
  expect((inbox.data.rows as { id: string }[]).map((x) => x.id)).toContain(r.id);
  const co = await openPage('packages/cadre/handle/index', { id: r.id });
  expect(co.text()).toContain('联合办理：县住建局牵头');
  expect(co.$('#accept')).toBeUndefined();
  await tap(co, '#co-reply');
  await typeInto(co, '#co-reply-text', '城关镇已组织人员疏通排水沟，设置警示标志。');
  await tap(co, '#co-reply-confirm');
  expect(await answerDialog(co)).toContain('确认提交协办意见');
  expect(co.text()).toContain('城关镇人民政府：城关镇已组织人员疏通排水沟');
  expect(co.$('#co-reply')).toBeUndefined();
});

test('the lead answers the whole; the resident reads the answer and who helped, not the part', async () => {
  // The lead reads the part and answers the whole.
  actAs('demo-cadre-zhujian');
  const lead = await openPage('packages/cadre/handle/index', { id: r.id });
  expect(lead.text()).toContain('城关镇已组织人员疏通排水沟');
  expect(lead.$('#parts-waiting')).toBeUndefined();
  await tap(lead, '#reply');
  await typeInto(lead, '#reply-text', '住建局牵头、城关镇配合，塌陷路面已修复，排水沟已疏通。');
  await tap(lead, '#reply-confirm');
  expect(await answerDialog(lead)).toContain('确认答复');
  expect(lead.text()).toContain('已答复');

  // The resident reads the lead's answer and who helped, not the part.
  actAs('demo-resident-1');
  const mine = await openPage('packages/request/detail/index', { id: r.id });
  expect(mine.text()).toContain('县住建局牵头，城关镇人民政府协助办理');
  expect(mine.text()).toContain('塌陷路面已修复，排水沟已疏通');
  expect(mine.text()).not.toContain('设置警示标志');
});
