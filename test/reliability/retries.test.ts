/**
 * Suite 3, retries: the same submission (same clientId) sent 50 times at once creates one
 * request and every copy gets its number; a retry after a lost reply (the reply discarded, or
 * the connection cut at a random moment) returns the first result; a retried transition never
 * applies twice.
 */
import type { SubmitResult } from '../../typings';
import { requestId } from '../../server/domain/requestNo';
import { CALLERS, uniq } from './tables';
import { SIZE, brokenInvariants, logLeaks, tally, useRig } from './harness';

const rig = useRig(__filename, { timeout: 300_000 });

const A = CALLERS.residentA;
const submission = (clientId: string, where: object = { scene: 'c-renshe-01' }) => ({
  action: 'submit',
  clientId,
  category: '咨询',
  content: '请问灵活就业人员怎样缴纳养老保险？',
  confidential: false,
  mayContact: true,
  contactName: '王秀英',
  contactPhone: '13800001234',
  ...where,
});

/** How many stored requests each (requester, clientId) has; more than one is a duplicate. */
async function copies(): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for (const r of await rig().requests()) m.set(`${r.requesterId}\n${r.clientId}`, (m.get(`${r.requesterId}\n${r.clientId}`) ?? 0) + 1);
  return m;
}

async function checkStored(acked: Map<string, SubmitResult>): Promise<{ lost: string[]; dup: string[]; broken: string[] }> {
  const stored = await rig().requests();
  const ids = new Set(stored.map((r) => r._id));
  const lost = [...acked.values()].filter((s) => !ids.has(s.id)).map((s) => s.id);
  const dup = [...(await copies()).entries()].filter(([, n]) => n > 1).map(([k]) => k);
  const broken = stored.flatMap((r) => brokenInvariants(r).map((b) => `${r._id}: ${b}`));
  for (const id of lost) tally('lost', `acknowledged request ${id} is not stored`);
  for (const k of dup) tally('duplicated', `${k.replace('\n', ' / ')} stored more than once`);
  for (const b of broken) tally('unexpected', b);
  return { lost, dup, broken };
}

const ROUTES: [string, object][] = [
  ['a card', { scene: 'c-renshe-01' }],
  ['the routing catalogue', { regionId: 'vil-hexi' }],
  ['the dispatcher', { regionId: 'com-anju' }],
];
test.each(SIZE > 1 ? ROUTES : ROUTES.slice(0, 1))(
  'the same submission 50 times at once (routed by %s) creates one request',
  async (_how, where) => {
    for (let round = 0; round < SIZE; round += 1) {
      const clientId = uniq('burst');
      const results = await Promise.all(Array.from({ length: 50 }, () => rig().raw(A, 'request', submission(clientId, where))));
      const oks = results.filter((r) => r.env.ok).map((r) => (r.env as { data: SubmitResult }).data);
      const failed = results.filter((r) => !r.env.ok).map((r) => (r.env.ok ? '' : r.env.error.code));
      for (const f of failed) tally('unexpected', `a copy of a submission failed: ${f}`);
      expect(failed).toEqual([]);
      expect(new Set(oks.map((s) => s.id))).toEqual(new Set([requestId(A, clientId)]));
      expect(new Set(oks.map((s) => s.no)).size).toBe(1);
      expect(new Set(oks.map((s) => s.dueAt)).size).toBe(1);
      const firsts = oks.filter((s) => !s.duplicate).length;
      if (firsts !== 1) tally('duplicated', `${firsts} copies of one submission answered duplicate: false`);
      expect(firsts).toBe(1);
      const stored = (await rig().requests()).filter((r) => r.clientId === clientId);
      if (stored.length !== 1) tally(stored.length ? 'duplicated' : 'lost', `${stored.length} requests stored for one submission`);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.events).toHaveLength(1);
    }
  },
);

test('a retry after a lost reply returns the first result, even with changed content', async () => {
  const acked = new Map<string, SubmitResult>();
  for (let i = 0; i < 3 * SIZE; i += 1) {
    const clientId = uniq('lost');
    const first = await rig().ok<SubmitResult>(A, 'request', 'submit', submission(clientId)); // the reply that never reached the phone
    const retry = await rig().ok<SubmitResult>(A, 'request', 'submit', {
      ...submission(clientId),
      content: '重试时内容被修改了，但不应覆盖第一次提交',
    });
    expect({ id: retry.id, no: retry.no, status: retry.status, dueAt: retry.dueAt, duplicate: retry.duplicate }).toEqual({
      ...first,
      duplicate: true,
    });
    acked.set(first.id, first);
    const stored = (await rig().requests()).find((r) => r._id === first.id)!;
    expect(stored.content).toBe('请问灵活就业人员怎样缴纳养老保险？');
  }
  const { lost, dup, broken } = await checkStored(acked);
  expect({ lost, dup, broken }).toEqual({ lost: [], dup: [], broken: [] });
});

test('the connection cut at any moment, then retried until answered: one request, the first number', async () => {
  const acked = new Map<string, SubmitResult>();
  await Promise.all(
    Array.from({ length: 20 * SIZE }, async (_, i) => {
      const clientId = uniq('cut');
      const ac = new AbortController();
      const cut = setTimeout(() => ac.abort(), i % 15);
      const first = await rig().raw(A, 'request', submission(clientId), ac.signal);
      clearTimeout(cut);
      let answer = first.env.ok ? (first.env.data as SubmitResult) : null;
      for (let t = 0; t < 5; t += 1) {
        const r = await rig().raw(A, 'request', submission(clientId));
        if (!r.env.ok) continue;
        const s = r.env.data as SubmitResult;
        if (answer && (s.id !== answer.id || s.no !== answer.no)) tally('duplicated', `retry of ${clientId} answered another request`);
        answer ??= s;
        break;
      }
      if (!answer) throw new Error(`${clientId} never answered`);
      acked.set(answer.id, answer);
    }),
  );
  const { lost, dup, broken } = await checkStored(acked);
  expect({ lost, dup, broken }).toEqual({ lost: [], dup: [], broken: [] });
});

test('the same client id from another person is another request', async () => {
  const clientId = uniq('shared');
  const a = await rig().ok<SubmitResult>(A, 'request', 'submit', submission(clientId));
  const b = await rig().ok<SubmitResult>(CALLERS.residentB, 'request', 'submit', submission(clientId));
  expect(b.id).not.toBe(a.id);
  expect(b.duplicate).toBe(false);
});

test('a transition retried after a lost reply is not applied twice', async () => {
  for (let i = 0; i < 3 * SIZE; i += 1) {
    const s = await rig().ok<SubmitResult>(A, 'request', 'submit', submission(uniq('tr'), { regionId: 'vil-hexi' }));
    await rig().ok(CALLERS.handlingCadre, 'request', 'accept', { id: s.id, version: 0 }); // reply lost
    const again = await rig().raw(CALLERS.handlingCadre, 'request', { action: 'accept', id: s.id, version: 0 });
    expect(again.env.ok ? 'OK' : again.env.error.code).toBe('CONFLICT');
    const reply = { action: 'reply', id: s.id, version: 1, reply: '已安排工作人员上门处理，请保持电话畅通。' };
    const both = await Promise.all([
      rig().raw(CALLERS.handlingCadre, 'request', reply),
      rig().raw(CALLERS.handlingCadre, 'request', reply),
    ]);
    expect(both.filter((r) => r.env.ok)).toHaveLength(1);
    const stored = (await rig().requests()).find((r) => r._id === s.id)!;
    const types = stored.events.map((e) => e.type);
    if (types.filter((t) => t === 'accept').length !== 1 || types.filter((t) => t === 'reply').length !== 1)
      tally('duplicated', `${s.id}: events ${types.join(',')}`);
    expect(types).toEqual(['submit', 'accept', 'reply']);
    expect(brokenInvariants(stored)).toEqual([]);
  }
});

test('the emulator’s and the functions’ logs carry no phone number or name', () => {
  expect(logLeaks(rig())).toEqual([]);
});
