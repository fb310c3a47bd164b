/**
 * Suite 5, crash: the emulator (its own process, `node .build/emulator/cli.js`) is killed with
 * SIGKILL in the middle of a storm of submits and transitions through the functions, then started
 * again on the same data: every acknowledged request is there, every acknowledged change is there,
 * none is half-written (status vs last audit event, version vs event count, event chain), and
 * retrying the unanswered submissions creates no duplicate.
 */
import type { RequestDetail, SubmitResult } from '../../typings';
import { requestId } from '../../server/domain/requestNo';
import { ALL_ACTIONS, CALLERS, split, uniq, validInput, readFixture, prepareContext } from './tables';
import { SIZE, brokenInvariants, logLeaks, tally, useRig } from './harness';

const rig = useRig(__filename, { timeout: 300_000, prepare: prepareContext });

const RESIDENTS = [CALLERS.residentA, CALLERS.residentB];
const WHERE = [{ scene: 'c-renshe-01' }, { regionId: 'vil-hexi' }, { regionId: 'com-anju' }, { scene: 'c-zhujian-01' }];
const STAFF = [CALLERS.handlingCadre, 'rel-cadre-chengguan-2', CALLERS.otherCadre, CALLERS.subjectCadre, CALLERS.admin];

interface Sent {
  openid: string;
  clientId: string;
  event: Record<string, unknown>;
}

test.each(Array.from({ length: SIZE }, (_, i) => [i + 1]))(
  'kill -9 in a storm, round %i: nothing acknowledged is lost or half-written',
  async () => {
    const sent: Sent[] = [];
    const acked = new Map<string, SubmitResult>();
    /** id → the highest version a change was acknowledged at. */
    const ackedVersion = new Map<string, number>();
    let stop = false;

    const submitter = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i += 1) {
        const openid = RESIDENTS[(w + i) % 2]!;
        const clientId = uniq(`crash-${w}`);
        const event = {
          action: 'submit',
          clientId,
          category: i % 5 === 0 ? '投诉' : '求助',
          content: `第${i}件：路灯坏了，晚上出行不安全`,
          ...WHERE[(w + i) % WHERE.length]!,
          confidential: false,
          mayContact: false,
        };
        sent.push({ openid, clientId, event });
        const r = await rig().raw(openid, 'request', event);
        if (r.env.ok) acked.set((r.env.data as SubmitResult).id, r.env.data as SubmitResult);
        else if (r.status === 0) return;
      }
    };
    const mover = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i += 1) {
        const ids = [...acked.keys()];
        if (ids.length === 0) {
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        const id = ids[(w * 7 + i * 13) % ids.length]!;
        const who = [...STAFF, ...RESIDENTS][(w + i) % (STAFF.length + RESIDENTS.length)]!;
        const d = await rig().raw(who, 'request', { action: 'detail', id });
        if (d.status === 0) return;
        if (!d.env.ok) continue;
        const detail = d.env.data as RequestDetail;
        const action = detail.can[(w + i) % Math.max(1, detail.can.length)];
        if (!action) continue;
        const fa = ALL_ACTIONS.find((x) => split(x)[1] === action)!;
        const r = await rig().raw(who, split(fa)[0], {
          action,
          ...validInput(fa, { id, version: detail.version, unitId: null, status: detail.status }),
        });
        if (r.status === 0) return;
        if (r.env.ok) ackedVersion.set(id, Math.max(ackedVersion.get(id) ?? 0, (r.env.data as RequestDetail).version));
      }
    };

    const storm = Promise.all([...Array.from({ length: 4 }, (_, w) => submitter(w)), ...Array.from({ length: 4 }, (_, w) => mover(w))]);
    // kill once enough has been acknowledged that the storm is well under way
    while (acked.size < 15 || ackedVersion.size < 5) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 30)));
    await rig().kill9();
    stop = true;
    await storm;
    // Every answer names the request its own submission makes (same person, same clientId): none crossed or invented.
    const sentIds = new Set(sent.map((s) => requestId(s.openid, s.clientId)));
    expect([...acked.keys()].filter((id) => !sentIds.has(id))).toEqual([]);
    // The kill came in the middle of the storm: some submissions were cut off unanswered.
    expect(sent.filter((s) => !acked.has(requestId(s.openid, s.clientId))).length).toBeGreaterThan(0);

    await rig().restart();
    const stored = new Map((await rig().requests()).map((r) => [r._id, r]));
    const problems: string[] = [];
    for (const [id, s] of acked) {
      const r = stored.get(id);
      if (!r) {
        problems.push(`acknowledged request ${s.no} lost`);
        tally('lost', `acknowledged request ${id} missing after kill -9`);
      } else if (r.no !== s.no) problems.push(`${id} has number ${String(r.no)}, acknowledged ${s.no}`);
    }
    for (const [id, v] of ackedVersion) {
      const r = stored.get(id);
      if (!r || r.version < v) {
        problems.push(`acknowledged change of ${id} to version ${v} lost (stored ${String(r?.version)})`);
        tally('lost', `acknowledged change ${id}@${v} missing after kill -9`);
      }
    }
    for (const r of stored.values()) {
      for (const b of brokenInvariants(r)) {
        problems.push(`${r._id}: ${b}`);
        tally('unexpected', `half-written after kill -9: ${r._id}: ${b}`);
      }
    }
    // the phone retries what it never heard back about: one request each, never two
    const unanswered = sent.filter((s) => !acked.has(requestId(s.openid, s.clientId)));
    for (const s of unanswered) {
      const r = await rig().raw(s.openid, 'request', s.event);
      if (!r.env.ok) problems.push(`retry of ${s.clientId} after restart: ${r.env.error.code}`);
    }
    const counts = new Map<string, number>();
    for (const r of await rig().requests())
      counts.set(`${r.requesterId}/${r.clientId}`, (counts.get(`${r.requesterId}/${r.clientId}`) ?? 0) + 1);
    for (const [k, n] of counts) {
      if (n > 1) {
        problems.push(`${k} stored ${n} times`);
        tally('duplicated', `${k} stored ${n} times after kill -9 and retry`);
      }
    }
    for (const s of sent) if (!counts.has(`${s.openid}/${s.clientId}`)) problems.push(`${s.clientId} missing after its retry`);
    // the restarted cloud still works end to end
    const fresh = await rig().ok<SubmitResult>(CALLERS.residentA, 'request', 'submit', {
      clientId: uniq('after'),
      category: '咨询',
      content: '重启之后还能正常提交吗？',
      scene: 'c-renshe-01',
      confidential: false,
      mayContact: false,
    });
    const fx = await readFixture(rig(), fresh.id);
    await rig().ok(CALLERS.otherCadre, 'request', 'accept', { id: fx.id, version: fx.version });
    expect(problems).toEqual([]);
  },
);

test('the emulator’s and the functions’ logs carry no phone number or name', () => {
  expect(logLeaks(rig())).toEqual([]);
});
