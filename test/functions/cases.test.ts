/**
 * 包案 (S4.5) through the real functions: the 信访局 gives a key case (a registered letter, by its
 * number) to a county leader; the leader and their office tick the five duties with notes
 * (compare-and-set, audit events); 案结事了 only once all five are ticked. Nobody else sees the case,
 * and no view of it carries the petitioner.
 */
import type { CaseView } from '../../typings';
import type { CaseDuty } from '../../miniprogram/shared/leaders';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, ZHUJIAN } from '../helpers/demo';
import { DEMO, demoCase } from '../../scripts/demo-county';
import { leaderKey } from '../../server/meet';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

const code = (e: { ok: boolean; error?: { code: string; message: string } }) => (e.ok ? 'OK' : e.error!.code);
const dump = async () => JSON.stringify(await cloud.dump());
let seq = 0;

/** A letter the 信访局 registers for 城关镇, with the petitioner's name and phone (the demo's key case's). */
async function letter(): Promise<{ id: string; no: string }> {
  seq += 1;
  return cloud.ok(ADMIN, 'admin', 'register', {
    ...demoCase.letter,
    clientId: `case-letter-${seq}-0000`,
    receivedAt: Date.now() - 86_400_000,
  });
}

const tick = (c: Pick<CaseView, 'id' | 'version'>, duty: CaseDuty, done = true, note = '已同信访人面谈，讲清政策') => ({
  caseId: c.id,
  version: c.version,
  duty,
  done,
  note,
});

test('the 信访局 gives a key case to a county leader; bad input and a second leader change nothing', async () => {
  const page = await cloud.ok(ADMIN, 'meet', 'cases', { box: 'open' });
  expect(page.leaders.map((l) => l.name).sort()).toEqual(['林志远', '陈建华']);
  expect(JSON.stringify(page.leaders)).not.toContain(DEMO.leader1);
  const req = await letter();

  const before = await dump();
  const bad = [
    { requestNo: '20990101-9999', leaderKey: leaderKey(DEMO.leader1) },
    // a town leader is no county leader
    { requestNo: req.no, leaderKey: leaderKey(CHENGGUAN) },
    { requestNo: req.no, leaderKey: 'not-a-key' },
    { requestNo: req.no, leaderKey: leaderKey(DEMO.leader1), note: 'x' },
  ];
  for (const input of bad) expect(code(await cloud.call(ADMIN, 'meet', 'assignCase', input))).toBe('INVALID_INPUT');
  expect(code(await cloud.call(CHENGGUAN, 'meet', 'assignCase', { requestNo: req.no, leaderKey: leaderKey(DEMO.leader1) }))).toBe(
    'FORBIDDEN',
  );
  expect(await dump()).toBe(before);

  const c = await cloud.ok(ADMIN, 'meet', 'assignCase', {
    requestNo: req.no,
    leaderKey: leaderKey(DEMO.leader1),
    note: '多次来信，请县领导包案',
  });
  expect(c).toMatchObject({
    status: 'open',
    statusLabel: '包案中',
    leaderName: '陈建华',
    note: '多次来信，请县领导包案',
    canTick: true,
    canClose: false,
  });
  expect(c.request).toMatchObject({ id: req.id, no: req.no, unitName: '城关镇人民政府' });
  expect(c.duties.map((d) => d.label)).toEqual(['包解决问题', '包思想疏导', '包稳定控制', '包帮扶困难', '包依法处置']);
  expect(c.open).toHaveLength(5);
  // no view carries the petitioner
  expect(JSON.stringify(c)).not.toMatch(/周大海|13900005678|5678/);

  // the same assignment again is the same case; another leader is refused
  expect((await cloud.ok(ADMIN, 'meet', 'assignCase', { requestNo: req.no, leaderKey: leaderKey(DEMO.leader1) })).id).toBe(c.id);
  const again = await cloud.call(ADMIN, 'meet', 'assignCase', { requestNo: req.no, leaderKey: leaderKey(DEMO.leader2) });
  expect(again.ok ? '' : again.error.message).toBe('这件诉求已由陈建华包案');
  const stored = ((await cloud.dump()) as { collections: { meet_cases: { _id: string; events: { type: string }[] }[] } }).collections
    .meet_cases;
  expect(stored.filter((x) => x._id === c.id).map((x) => x.events.map((e) => e.type))).toEqual([['assign']]);
});

test('the leader and the office tick the five duties with notes; 案结事了 once all are ticked; nobody else sees it', async () => {
  const req = await letter();
  let c = await cloud.ok(ADMIN, 'meet', 'assignCase', { requestNo: req.no, leaderKey: leaderKey(DEMO.leader1) });

  // the leader's own list has it; the other county leader's and other units' cadres' do not
  expect((await cloud.ok(DEMO.leader1, 'meet', 'cases', { box: 'open' })).items.map((x) => x.id)).toContain(c.id);
  expect((await cloud.ok(DEMO.leader1, 'meet', 'cases', { box: 'open' })).leaders).toEqual([]);
  expect((await cloud.ok(DEMO.leader2, 'meet', 'cases', { box: 'open' })).items.map((x) => x.id)).not.toContain(c.id);
  expect((await cloud.ok(CHENGGUAN, 'meet', 'cases', { box: 'open' })).items).toEqual([]);
  for (const who of [DEMO.leader2, CHENGGUAN, ZHUJIAN]) {
    expect(code(await cloud.call(who, 'meet', 'caseDetail', { caseId: c.id }))).toBe('NOT_FOUND');
    expect(code(await cloud.call(who, 'meet', 'tickDuty', tick(c, 'solve')))).toBe('NOT_FOUND');
  }
  expect(code(await cloud.call(R1, 'meet', 'caseDetail', { caseId: c.id }))).toBe('FORBIDDEN');

  c = await cloud.ok(DEMO.leader1, 'meet', 'tickDuty', tick(c, 'counsel'));
  expect(c.duties.find((d) => d.key === 'counsel')).toMatchObject({
    done: true,
    notes: [{ by: '陈建华', text: '已同信访人面谈，讲清政策', done: true }],
  });
  expect(c.open).toEqual(['包解决问题', '包稳定控制', '包帮扶困难', '包依法处置']);

  // a stale version, a bad duty, a short note: refused, nothing changes
  const before = await dump();
  expect(code(await cloud.call(DEMO.leader1, 'meet', 'tickDuty', tick({ ...c, version: c.version - 1 }, 'solve')))).toBe('CONFLICT');
  expect(code(await cloud.call(DEMO.leader1, 'meet', 'tickDuty', { ...tick(c, 'solve'), duty: 'everything' as CaseDuty }))).toBe(
    'INVALID_INPUT',
  );
  expect(code(await cloud.call(DEMO.leader1, 'meet', 'tickDuty', tick(c, 'solve', true, '好')))).toBe('INVALID_INPUT');
  const early = await cloud.call(ADMIN, 'meet', 'closeCase', { caseId: c.id, version: c.version, note: '信访人已息诉罢访' });
  expect(early.ok ? '' : early.error.message).toBe('还有包解决问题、包稳定控制、包帮扶困难、包依法处置没有落实，不能案结事了');
  expect(code(await cloud.call(DEMO.leader1, 'meet', 'closeCase', { caseId: c.id, version: c.version, note: '信访人已息诉罢访' }))).toBe(
    'FORBIDDEN',
  );
  expect(await dump()).toBe(before);

  // the office (the 信访局 for a county leader without a unit) ticks too; a duty opened again and ticked again
  for (const duty of ['solve', 'stability', 'aid', 'law'] as const)
    c = await cloud.ok(ADMIN, 'meet', 'tickDuty', tick(c, duty, true, '镇村干部已上门落实'));
  c = await cloud.ok(DEMO.leader1, 'meet', 'tickDuty', tick(c, 'aid', false, '低保手续还没有办完，继续跟进'));
  expect(c.open).toEqual(['包帮扶困难']);
  expect(c.canClose).toBe(false);
  c = await cloud.ok(DEMO.leader1, 'meet', 'tickDuty', tick(c, 'aid', true, '低保已批，送到信访人手中'));
  expect(c.duties.find((d) => d.key === 'aid')!.notes.map((n) => n.done)).toEqual([true, false, true]);
  expect((await cloud.ok(ADMIN, 'meet', 'caseDetail', { caseId: c.id })).canClose).toBe(true);
  expect((await cloud.ok(DEMO.leader1, 'meet', 'caseDetail', { caseId: c.id })).canClose).toBe(false);

  c = await cloud.ok(ADMIN, 'meet', 'closeCase', { caseId: c.id, version: c.version, note: '问题已解决，信访人息诉罢访' });
  expect(c).toMatchObject({
    status: 'closed',
    statusLabel: '案结事了',
    closeNote: '问题已解决，信访人息诉罢访',
    canTick: false,
    canClose: false,
  });
  expect(code(await cloud.call(DEMO.leader1, 'meet', 'tickDuty', tick(c, 'law')))).toBe('CONFLICT');
  expect((await cloud.ok(ADMIN, 'meet', 'cases', { box: 'open' })).items.map((x) => x.id)).not.toContain(c.id);
  expect((await cloud.ok(DEMO.leader1, 'meet', 'cases', { box: 'closed' })).items.map((x) => x.id)).toContain(c.id);

  // every change is an audit event on the case, in order
  const stored = ((await cloud.dump()) as { collections: { meet_cases: { _id: string; events: { type: string; actorId: string }[] }[] } })
    .collections.meet_cases;
  expect(stored.find((x) => x._id === c.id)!.events.map((e) => e.type)).toEqual([
    'assign',
    'tick',
    'tick',
    'tick',
    'tick',
    'tick',
    'reopen',
    'tick',
    'close',
  ]);
});

test('a case about a complaint against a unit: that unit’s people never see it', async () => {
  // resident 1 complains about the 住建局 through its card: it goes to the supervisor, never to the 住建局
  const made = await cloud.ok(R1, 'request', 'submit', {
    clientId: 'case-complaint-0001',
    category: '投诉',
    content: '住建局工作人员办事推诿，多次往返没有结果',
    scene: 'c-zhujian-01',
    aboutUnit: true,
    confidential: false,
    mayContact: true,
    contactName: '王秀英',
    contactPhone: '13800001234',
  });
  const c = await cloud.ok(ADMIN, 'meet', 'assignCase', { requestNo: made.no, leaderKey: leaderKey(DEMO.leader2) });
  expect(JSON.stringify(c)).not.toMatch(/王秀英|13800001234/);
  expect(code(await cloud.call(ZHUJIAN, 'meet', 'caseDetail', { caseId: c.id }))).toBe('NOT_FOUND');
  expect((await cloud.ok(ZHUJIAN, 'meet', 'cases', { box: 'open' })).items).toEqual([]);
});
