/**
 * 三问决策 (S1.4) through the real functions: the office publishes a decision as a consultation,
 * opens 问需, 问计 and 问效 in turn and closes each with its answer (compare-and-set, a public
 * timeline event); residents comment and vote only in the open phase, one vote per person and
 * phase, stored without the openid; the timer counts each vote exactly once.
 */
import { createHmac } from 'crypto';
import fs from 'fs';
import path from 'path';
import { tallyVotes } from '../../server/jobs/surveys';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, R1, R2, RENSHE } from '../helpers/demo';
import { demoConsult } from '../../scripts/demo-county';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

let seq = 0;
/** The demo's consultation (three options in 问需, two in 问计), created again. */
const draft = () => ({
  clientId: `consult-test-${(seq += 1).toString().padStart(4, '0')}`,
  title: demoConsult.title,
  background: demoConsult.background,
  phases: demoConsult.phases,
});
const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const tally = () => tallyVotes({ until: Date.now() + 60_000 });
async function collection<T>(name: string): Promise<T[]> {
  return ((await cloud.dump()) as { collections: Record<string, T[]> }).collections[name] ?? [];
}

it('walks 问需 → 问计 → 问效, each opened and answered by the office, with a public timeline', async () => {
  const c = await cloud.ok(ADMIN, 'consult', 'create', draft());
  expect(c.phases.map((p) => [p.label, p.state])).toEqual([
    ['问需', 'pending'],
    ['问计', 'pending'],
    ['问效', 'pending'],
  ]);
  expect(code(await cloud.call(R1, 'consult', 'get', { consultId: c.id }))).toBe('NOT_FOUND');
  expect((await cloud.ok(R1, 'consult', 'list', {})).items.map((b) => b.id)).not.toContain(c.id);
  expect(await cloud.call(ADMIN, 'consult', 'closePhase', { consultId: c.id, version: 0, summary: '还没有开始的阶段不能答复。' })).toEqual({
    ok: false,
    error: { code: 'CONFLICT', message: '现在没有进行中的阶段' },
  });

  let v = await cloud.ok(ADMIN, 'consult', 'openPhase', { consultId: c.id, version: 0 });
  expect([v.openPhase, v.phases[0]!.state]).toEqual([0, 'open']);
  expect((await cloud.ok(R1, 'consult', 'list', {})).items.find((b) => b.id === c.id)).toMatchObject({ stage: '问需进行中', open: true });
  const before = await cloud.dump();
  expect(await cloud.call(ADMIN, 'consult', 'openPhase', { consultId: c.id, version: v.version })).toEqual({
    ok: false,
    error: { code: 'CONFLICT', message: '问需还没有答复，答复后才能进入下一阶段' },
  });
  expect(code(await cloud.call(ADMIN, 'consult', 'closePhase', { consultId: c.id, version: 0, summary: '过期的版本不能答复阶段。' }))).toBe(
    'CONFLICT',
  );
  expect(await cloud.dump()).toEqual(before);

  for (const [i, summary] of [
    '群众最需要老城区停车，选址定在老城区东侧。',
    '多数群众支持立体停车楼，按此方案建设。',
    '停车场已投用，群众反映好用，继续优化收费。',
  ].entries()) {
    if (i > 0) v = await cloud.ok(ADMIN, 'consult', 'openPhase', { consultId: c.id, version: v.version });
    v = await cloud.ok(ADMIN, 'consult', 'closePhase', { consultId: c.id, version: v.version, summary });
    expect(v.phases[i]).toMatchObject({ state: 'closed', summary });
  }
  expect(v.done).toBe(true);
  // With the last phase closed the ballot key is destroyed: no vote can be tied to a person any more.
  const stored = (await collection<{ _id: string; ballotKey?: string }>('consultations')).find((d) => d._id === c.id)!;
  expect(stored).not.toHaveProperty('ballotKey');
  const seen = await cloud.ok(R2, 'consult', 'get', { consultId: c.id });
  expect(seen.timeline.map((e) => [e.type, e.phase])).toEqual([
    ['create', null],
    ['openPhase', '问需'],
    ['closePhase', '问需'],
    ['openPhase', '问计'],
    ['closePhase', '问计'],
    ['openPhase', '问效'],
    ['closePhase', '问效'],
  ]);
  expect(JSON.stringify(seen)).not.toContain(ADMIN);
  expect(code(await cloud.call(ADMIN, 'consult', 'openPhase', { consultId: c.id, version: v.version }))).toBe('CONFLICT');
  expect((await cloud.ok(R2, 'consult', 'list', {})).items.find((b) => b.id === c.id)?.stage).toBe('问效已答复，已完成');
});

it('residents comment and vote only in the open phase; one vote per person and phase; the timer counts each once', async () => {
  const c = await cloud.ok(ADMIN, 'consult', 'create', draft());
  expect(code(await cloud.call(R1, 'consult', 'vote', { consultId: c.id, option: 0 }))).toBe('NOT_FOUND'); // not published
  let v = await cloud.ok(ADMIN, 'consult', 'openPhase', { consultId: c.id, version: 0 });

  const mine = await cloud.ok(R1, 'consult', 'vote', { consultId: c.id, option: 1 });
  expect(mine.phases[0]!.myVote).toBe(1);
  expect((await cloud.ok(R1, 'consult', 'vote', { consultId: c.id, option: 1 })).phases[0]!.myVote).toBe(1); // a retry
  const before = await cloud.dump();
  expect(await cloud.call(R1, 'consult', 'vote', { consultId: c.id, option: 0 })).toEqual({
    ok: false,
    error: { code: 'CONFLICT', message: '您在这个阶段已经投过票了' },
  });
  expect(await cloud.call(R1, 'consult', 'vote', { consultId: c.id, option: 5 })).toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', message: '没有这个选项，请刷新后重试' },
  });
  expect(await cloud.dump()).toEqual(before);
  // the same person twice at once: one vote
  const twice = await Promise.all([
    cloud.call(R2, 'consult', 'vote', { consultId: c.id, option: 0 }),
    cloud.call(R2, 'consult', 'vote', { consultId: c.id, option: 2 }),
  ]);
  expect(twice.map(code).sort()).toEqual(['CONFLICT', 'OK']);
  await cloud.ok(RENSHE, 'consult', 'vote', { consultId: c.id, option: 1 });

  const votes = (await collection<Record<string, unknown>>('consult_votes')).filter((x) => x.consultId === c.id);
  expect(votes).toHaveLength(3);
  for (const x of votes) expect(Object.keys(x).sort()).toEqual(['_id', 'consultId', 'counted', 'option', 'phase']);
  expect(JSON.stringify(votes)).not.toMatch(/demo-/);
  // A copy of the database holds the consultation's key but not the deployment's secret: the key
  // alone tried on R1 finds no vote; with the secret (the functions' environment) it finds R1's.
  const stored = (await collection<{ _id: string; ballotKey: string; keying: string }>('consultations')).find((d) => d._id === c.id)!;
  expect(stored.keying).toBe('deployment');
  const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();
  const secret = fs.readFileSync(path.join(cloud.dataDir, 'ballot-secret'), 'utf8').trim();
  expect(JSON.stringify(await cloud.dump())).not.toContain(secret);
  const ids = votes.map((x) => x._id);
  expect(ids).not.toContain(hmac(stored.ballotKey, `0\n${R1}`).toString('hex'));
  expect(ids).toContain(hmac(hmac(secret, stored.ballotKey), `0\n${R1}`).toString('hex'));

  expect((await cloud.ok(R2, 'consult', 'get', { consultId: c.id })).phases[0]!.votes).toEqual([0, 0, 0]); // not counted yet
  await tally();
  await tally(); // a second run counts nothing twice
  const counted = await cloud.ok(R2, 'consult', 'get', { consultId: c.id });
  expect(counted.phases[0]!.votes.reduce((a, b) => a + b, 0)).toBe(3);
  expect(counted.phases[0]!.votes[1]).toBeGreaterThanOrEqual(2);
  expect(counted.phases.map((p) => p.myVote)).toEqual([counted.phases[0]!.myVote, null, null]);

  const said = await cloud.ok(R1, 'consult', 'comment', {
    consultId: c.id,
    clientId: 'consult-comment-001',
    text: '老城区东门一带最缺车位，电话13800002222',
  });
  expect(said).toMatchObject({ phase: '问需', text: '老城区东门一带最缺车位，电话138****2222', duplicate: false });
  expect(
    (
      await cloud.ok(R1, 'consult', 'comment', {
        consultId: c.id,
        clientId: 'consult-comment-001',
        text: '老城区东门一带最缺车位，电话13800002222',
      })
    ).duplicate,
  ).toBe(true);
  expect(code(await cloud.call(R1, 'consult', 'comment', { consultId: c.id, clientId: 'consult-comment-002', text: '违禁词测试' }))).toBe(
    'CONTENT_REJECTED',
  );
  const page = await cloud.ok(R2, 'consult', 'comments', { consultId: c.id, phase: 0 });
  expect(page.items.map((x) => x.text)).toEqual(['老城区东门一带最缺车位，电话138****2222']);
  expect(JSON.stringify(await collection('consult_comments'))).not.toContain(R1);

  v = await cloud.ok(ADMIN, 'consult', 'closePhase', {
    consultId: c.id,
    version: v.version,
    summary: '群众最需要老城区停车，选址定在老城区东侧。',
  });
  expect(await cloud.call(R2, 'consult', 'vote', { consultId: c.id, option: 0 })).toEqual({
    ok: false,
    error: { code: 'CONFLICT', message: '现在不在征询阶段，暂不能投票' },
  });
  expect(
    code(await cloud.call(R2, 'consult', 'comment', { consultId: c.id, clientId: 'consult-comment-003', text: '阶段结束后的意见' })),
  ).toBe('CONFLICT');
  // 问计 opens: a person votes again, in the new phase
  await cloud.ok(ADMIN, 'consult', 'openPhase', { consultId: c.id, version: v.version });
  expect((await cloud.ok(R1, 'consult', 'vote', { consultId: c.id, option: 0 })).phases.map((p) => p.myVote)).toEqual([1, 0, null]);
});
