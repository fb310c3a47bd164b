/**
 * @jest-environment ./test/pages/environment.js
 *
 * 阅批 (S4.1) on the compiled package: the 信访局 sends a registered letter to a county leader from
 * the handle page (重要来信, a note); the leader finds it on 阅批来信 (from 我的), reads it and writes
 * the 批示; the handling unit reads the 批示; the petitioner reads that a leader gave one, not what it says.
 */
import { actAs, answerDialog, emit, harness, openPage, rows, tap, tapRow, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
let n = 0;

async function register(): Promise<{ id: string; claimCode: string }> {
  n += 1;
  return cloud().ok('demo-admin', 'admin', 'register', {
    clientId: `letters-page-${String(n).padStart(6, '0')}`,
    source: '来信',
    category: '求助',
    content: '来信反映养老保险待遇核定有误，请求复核。',
    receivedAt: Date.now() - 86_400_000,
    contactName: '赵老汉',
    contactPhone: '13800007777',
    unitId: 'unit-renshe',
    confidential: false,
  });
}

test('呈送领导阅批, the leader’s 批示, and who reads what of it', async () => {
  const letter = await register();
  await cloud().ok('demo-resident-1', 'request', 'claim', { code: letter.claimCode });

  // The 信访局 sends it to 陈建华 as a 重要来信, with a note.
  actAs('demo-admin');
  const desk = await openPage('packages/cadre/handle/index', { id: letter.id });
  await tap(desk, '#to-leader');
  expect(desk.text()).toContain('陈建华');
  await tap(desk, '#to-leader-confirm');
  expect(desk.text()).toContain('呈送领导阅批'); // nothing chosen: the button stays disabled, the panel stays
  const pick = (desk.data.leaders as { name: string }[]).findIndex((l) => l.name === '陈建华');
  await tap(desk, `#leader-${pick}`);
  await tap(desk, '#to-leader-confirm');
  expect(toastText(desk)).toBe('请选择是否为重要来信');
  await emit(desk, '#important', 'change', 'yes');
  await typeInto(desk, '#leader-note', '信访人年事已高，请优先阅示');
  await tap(desk, '#to-leader-confirm');
  expect(await answerDialog(desk)).toContain('陈建华');
  expect(desk.text()).toContain('领导阅批 · 陈建华（县领导）');
  expect(desk.text()).toContain('陈建华（县领导）');
  expect(desk.text()).toContain('重要来信');
  expect(desk.text()).toContain('等待领导批示');
  expect(desk.$('#to-leader')).toBeUndefined();

  // The leader: 我的 → 阅批来信, the letter first with its 重要来信 tag, then the handle page.
  actAs('demo-leader-1');
  const me = await openPage('pages/me/index');
  expect(me.$('#letters')).toBeDefined();
  const list = await openPage('packages/cadre/letters/index');
  expect(rows(list).length).toBeGreaterThan(0);
  expect((list.data.rows as Record<string, unknown>[])[0]).toMatchObject({ id: letter.id, chaseLabel: '重要来信' });
  await tapRow(list, 0);
  expect(harness.lastNavigation?.url).toBe(`/packages/cadre/handle/index?id=${letter.id}`);
  const read = await openPage('packages/cadre/handle/index', { id: letter.id });
  expect(read.text()).toContain('重要来信，请阅批');
  expect(read.text()).toContain('信访人年事已高');
  expect(read.text()).toMatch(/赵\*+ 138\*{4}7777/);
  expect(read.$('#unmask')).toBeUndefined();
  await tap(read, '#instruct');
  await typeInto(read, '#instruct-text', '请县人社局认真核查待遇核定，十五日内答复信访人。');
  await tap(read, '#instruct-confirm');
  expect(await answerDialog(read)).toContain('确认批示');
  expect(read.text()).toContain('请县人社局认真核查待遇核定');
  expect(read.$('#instruct')).toBeUndefined();
  const done = await openPage('packages/cadre/letters/index');
  expect((done.data.rows as { id: string }[]).map((r) => r.id)).not.toContain(letter.id);
  await emit(done, '#tabs', 'change', { name: 'done', index: 1, title: '已批示' });
  expect((done.data.rows as Record<string, unknown>[])[0]).toMatchObject({ id: letter.id });

  // The 人社局 handles it and reads the 批示.
  actAs('demo-cadre-renshe');
  const unit = await openPage('packages/cadre/handle/index', { id: letter.id });
  expect(unit.text()).toContain('请县人社局认真核查待遇核定');
  expect(unit.text()).toContain('陈建华（县领导）');

  // The petitioner reads that 陈建华 gave a 批示, not the 批示 or the 信访局's note.
  actAs('demo-resident-1');
  const mine = await openPage('packages/request/detail/index', { id: letter.id });
  expect(mine.text()).toContain('陈建华已作批示，办理单位按批示办理');
  expect(mine.text()).toContain('领导作了批示');
  expect(mine.text()).not.toContain('认真核查待遇核定');
  expect(mine.text()).not.toContain('年事已高');
});

test('a window cadre has no 阅批 entry; a leader with no letters sees the empty list', async () => {
  actAs('demo-cadre-renshe');
  expect((await openPage('pages/me/index')).$('#letters')).toBeUndefined();
  actAs('demo-leader-2');
  const list = await openPage('packages/cadre/letters/index');
  expect(list.text()).toContain('暂时没有要阅批的来信');
});
