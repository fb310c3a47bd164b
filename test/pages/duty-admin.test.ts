/**
 * @jest-environment ./test/pages/environment.js
 *
 * The organisation department's duty pages as shipped (compiled package) against the real
 * functions: 联系点安排 lists each leader's set for the year, incomplete ones first, gives a village
 * chosen from the directory, flags the same village given to a second leader on both the answer and
 * the year's list, and takes a point off; 履职要求 changes a rule's number from next year on, this
 * year's left as it was.
 */
import { actAs, emit, openPage, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
const ADMIN = 'demo-admin';
const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const runTimer = () => cloud().raw(null, 'timer', { Type: 'Timer', TriggerName: 'chase', Time: new Date().toISOString() });

/** The index of the row whose `field` is `value`. */
function rowOf(page: Awaited<ReturnType<typeof openPage>>, field: string, value: string): number {
  const i = (page.data.rows as Record<string, string>[]).findIndex((r) => r[field] === value);
  if (i < 0) throw new Error(`no row with ${field} ${value}`);
  return i;
}

test('我的 leads the organisation department to 联系点安排 and 履职要求, a leader not', async () => {
  actAs('demo-cadre-chengguan');
  let me = await openPage('pages/me/index');
  expect(me.$('#duty-points')).toBeUndefined();
  expect(me.$('#duty-rules')).toBeUndefined();
  actAs(ADMIN);
  me = await openPage('pages/me/index');
  expect(me.$('#duty-points')).toBeDefined();
  expect(me.$('#duty-rules')).toBeDefined();
});

test('联系点安排: incomplete sets first, a village from the directory, an overlap flagged on both, a point taken off', async () => {
  // the timer's sweep makes every leader's tally (what the list reads)
  await runTimer();
  actAs(ADMIN);
  const page = await openPage('packages/duty/points/index');
  expect(page.text()).toContain('孙丽');
  expect(page.text()).toContain('今年联系点 0/9，缺9个');

  /** Gives `leader` the village 河西村 as their 村（社区） point. */
  async function giveHexi(leader: string): Promise<void> {
    await tap(page, `#assign-${rowOf(page, 'name', leader)}`);
    await emit(page, '#slot', 'change', { value: String((page.data.slots as string[]).indexOf('村（社区）')) });
    await typeInto(page, '#target', '河西村');
    // the place chosen for the last point stays chosen; the first time there is none
    if (!page.data.villageName) {
      await tap(page, '#save');
      expect(toastText(page)).toBe('请选择联系的镇（街道）或村（社区）');
    }
    await tap(page, '#town');
    await emit(page, '#picker', 'confirm', { index: (page.data.pickerColumns as string[]).indexOf('城关镇'), value: '城关镇' });
    await tap(page, '#village');
    await emit(page, '#picker', 'confirm', { index: (page.data.pickerColumns as string[]).indexOf('河西村'), value: '河西村' });
    await tap(page, '#save');
  }
  await giveHexi('孙丽');
  expect(toastText(page)).toBe('已安排');
  expect(page.text()).toContain('今年联系点 1/9，缺8个');
  await giveHexi('周敏');
  expect(toastText(page)).toBe('已安排，与孙丽重复，请核实');

  await emit(page, '#tab', 'change', 'points');
  expect(page.text()).toContain('村（社区）：河西村');
  expect(page.text()).toContain('与孙丽重复');
  expect(page.text()).toContain('与周敏重复');
  const zhou = rowOf(page, 'who', '周敏 · 东城街道办事处');
  await tap(page, `#remove-${zhou}`);
  expect(toastText(page)).toBe('已调整');
  expect(page.text()).not.toContain('重复');
  expect((page.data.rows as { who: string }[]).map((r) => r.who)).toEqual(['孙丽 · 城关镇人民政府']);
});

test('履职要求: a rule’s number changed from next year on; this year’s stays', async () => {
  actAs(ADMIN);
  const page = await openPage('packages/duty/rules/index');
  const talks = rowOf(page, 'id', 'S5.2-talks');
  expect(page.text()).toContain('每年至少安排2次谈心谈话活动');
  await tap(page, `#edit-${talks}`);
  await tap(page, '#save');
  expect(toastText(page)).toBe('请填写大于0的数值');
  await typeInto(page, '#threshold', '3');
  await tap(page, '#save');
  const next = thisYear() + 1;
  expect(toastText(page)).toBe(`已修改，${next}年起生效`);
  const rows = page.data.rows as { id: string; value: string; years: string }[];
  expect(rows.find((r) => r.id === 'S5.2-talks')).toMatchObject({
    value: '至少2次',
    years: expect.stringMatching(new RegExp(`—${thisYear()}年$`)),
  });
  expect(rows.find((r) => r.id === `S5.2-talks@${next}`)).toMatchObject({ value: '至少3次', years: `${next}年起` });
  // the rule that now ends this year offers no second change
  expect(page.$(`#edit-${rowOf(page, 'id', 'S5.2-talks')}`)).toBeUndefined();
  // a leader's figure this year still asks for 2
  const home = await cloud().ok('demo-cadre-chengguan', 'duty', 'home', {});
  expect(home.figures.find((f) => f.clause === 'S5.2')).toMatchObject({ target: 2 });
});
