/**
 * Issue 9 item 6: 好差评 is stored as 5 = 非常满意 … 1 = 非常不满意, the way every rating scale and
 * the national 政务服务好差评 data read it; ratings stored on the old scale (1 = 非常满意) are
 * migrated once, by the timer, and only once.
 */
import { SCORE_LABELS, SCORES, isBadScore } from '../../miniprogram/shared/domain';
import { db } from '../../server/db';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, R1, RENSHE } from '../helpers/demo';
import { monthOf } from '../../server/domain/figures';

let cloud: TestCloud;
let seq = 0;
useCloud((c) => (cloud = c));

const v = (d: { id: string; version: number }) => ({ id: d.id, version: d.version });
async function replied() {
  const s = await cloud.ok(R1, 'request', 'submit', {
    clientId: `rating-${(seq += 1).toString().padStart(4, '0')}`,
    category: '咨询',
    content: '失业保险金怎么申领？',
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: false,
  });
  const a = await cloud.ok(RENSHE, 'request', 'accept', v(await cloud.ok(RENSHE, 'request', 'detail', { id: s.id })));
  await cloud.ok(RENSHE, 'request', 'reply', { ...v(a), reply: '请携带身份证到社保窗口办理。' });
  return cloud.ok(R1, 'request', 'detail', { id: s.id });
}
async function timerUntilIdle(): Promise<{ migrate: { done: number } }[]> {
  const runs: { migrate: { done: number } }[] = [];
  for (let i = 0; i < 10; i += 1) {
    const r = await cloud.raw(null, 'timer', { Type: 'Timer' });
    if (!r.ok) throw new Error('timer failed');
    const d = r.data as { migrate: { done: number }; chase: { done: number }; project: { done: number }; send: { done: number } };
    runs.push(d);
    if (d.migrate.done + d.chase.done + d.project.done + d.send.done === 0) break;
  }
  return runs;
}
type Stored = { _id: string; rating: { score: number; scale?: string } | null; events: { type: string; score?: number }[] };
const stored = async (id: string) =>
  ((await cloud.dump()) as { collections: { requests: Stored[] } }).collections.requests.find((r) => r._id === id)!;

it('reads 5 = 非常满意 … 1 = 非常不满意, best first; 1 and 2 are 差评', () => {
  expect(SCORES.map((s) => `${s}${SCORE_LABELS[s]}`)).toEqual(['5非常满意', '4满意', '3基本满意', '2不满意', '1非常不满意']);
  expect(SCORES.filter(isBadScore)).toEqual([2, 1]);
});

it('5 closes it and counts as satisfied; 1 reopens it for 重办', async () => {
  const month = monthOf(Date.now());
  await timerUntilIdle();
  const before = (await cloud.ok(ADMIN, 'county', 'figures', { month })).items.find((f) => f.unitId === 'unit-renshe');
  const good = await cloud.ok(R1, 'request', 'rate', { ...v(await replied()), resolved: true, score: 5 });
  expect(good.status).toBe('closed');
  const bad = await cloud.ok(R1, 'request', 'rate', { ...v(await replied()), resolved: false, score: 1, comment: '没解决' });
  expect(bad.status).toBe('reopened');
  await timerUntilIdle();
  const after = (await cloud.ok(ADMIN, 'county', 'figures', { month })).items.find((f) => f.unitId === 'unit-renshe')!;
  expect(after.rated - (before?.rated ?? 0)).toBe(2);
  expect(after.satisfied - (before?.satisfied ?? 0)).toBe(1);
});

it('migrates ratings stored on the old scale (1 = 非常满意) once: score and its 评价 event', async () => {
  const oldGood = await cloud.ok(R1, 'request', 'rate', { ...v(await replied()), resolved: true, score: 5 });
  const oldFair = await cloud.ok(R1, 'request', 'rate', { ...v(await replied()), resolved: true, score: 3 });
  // as the previous version stored them: 非常满意 was 1, and there was no scale marker
  for (const [id, old] of [
    [oldGood.id, 1],
    [oldFair.id, 3],
  ] as const) {
    const doc = await stored(id);
    const events = doc.events.map((e) => (e.type === 'rate' ? { ...e, score: old } : e));
    await db
      .collection('requests')
      .doc(id)
      .update({ data: { rating: { ...doc.rating!, score: old, scale: db.command.remove() }, events } });
  }
  // and as if this version had not run yet over them
  await db.collection('settings').doc('migrations').remove();
  const fresh = await cloud.ok(R1, 'request', 'rate', { ...v(await replied()), resolved: true, score: 4 });
  const runs = await timerUntilIdle();
  expect(runs.reduce((n, r) => n + r.migrate.done, 0)).toBe(2);
  for (const [id, now] of [
    [oldGood.id, 5],
    [oldFair.id, 3],
    [fresh.id, 4],
  ] as const) {
    const doc = await stored(id);
    expect([id, doc.rating!.score, doc.events.find((e) => e.type === 'rate')!.score]).toEqual([id, now, now]);
  }
  expect((await cloud.ok(R1, 'request', 'detail', { id: oldGood.id })).rating!.score).toBe(5);
  // once only: another run changes nothing
  const again = await timerUntilIdle();
  expect(again.reduce((n, r) => n + r.migrate.done, 0)).toBe(0);
  expect((await stored(oldGood.id)).rating!.score).toBe(5);
});
