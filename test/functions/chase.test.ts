/**
 * The chase (timer), the figures and the outbox, against the emulator with the real SDK. The timer
 * steps run in this process with a chosen “now”, so deadlines days away can be reached; the timer
 * function itself is called over HTTP once to show it refuses callers from the app.
 */
import type { RequestDetail } from '../../typings';
import { countyCalendar } from '../../server/domain/calendar';
import { BATCH, chase as chaseJob, type JobCtx } from '../../server/jobs/chase';
import { project as projectJob } from '../../server/jobs/figures';
import { send as sendJob } from '../../server/jobs/outbox';
import { loadDirectory } from '../../server/directoryCache';
import { runTimer } from '../../server/timer';
import { insert } from '../../server/db';
import type { RequestDoc } from '../../server/requests';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, R1, RENSHE as HANDLER, RENSHE_HEAD as HEAD } from '../helpers/demo';
import { tapPanel } from '../helpers/subscribe';

const FAR = 60_000; // the time budget of one in-process step
/** Tests that seed or project thousands of documents: on two shared cores they need more than jest's 30 s. */
const HEAVY = 120_000;

/** The demo county enters no calendar days of its own: the package's schedule. */
const { deadline } = countyCalendar([]);

/** The timer's jobs, run in this process at a chosen “now” with the county's directory. */
const job = async (now: number, until: number): Promise<JobCtx> => ({ dir: await loadDirectory(), now, until });
const chase = async (now: number, until: number) => chaseJob(await job(now, until));
const project = (now: number, until: number) => projectJob({ now, until });
const send = async (now: number, until: number) => sendJob(await job(now, until));

let cloud: TestCloud;
let n = 0;
useCloud((c) => (cloud = c));

const v = (d: { id: string; version: number }) => ({ id: d.id, version: d.version });
async function submit(): Promise<RequestDetail> {
  const s = await cloud.ok(R1, 'request', 'submit', {
    clientId: `chase-${(n += 1).toString().padStart(5, '0')}`,
    category: '咨询',
    content: '失业保险金怎么申领？',
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: true,
    contactName: '王秀英',
    contactPhone: '13800001234',
  });
  return cloud.ok(R1, 'request', 'detail', { id: s.id });
}
const dump = async () => (await cloud.dump()) as { collections: Record<string, Record<string, unknown>[]> };
const requestDoc = async (id: string) => (await dump()).collections.requests!.find((r) => r._id === id) as unknown as RequestDoc;
const stats = async () =>
  (await (await fetch(`${cloud.url}/dev/stats`)).json()) as { collections: Record<string, { docsExamined: number }> };
const resetStats = () => fetch(`${cloud.url}/dev/stats/reset`, { method: 'POST' });
/** Subscription messages the emulator recorded, with their parameters as sent (snake_case). */
const messages = async () =>
  (
    (await (await fetch(`${cloud.url}/dev/messages`)).json()) as {
      messages: { api: string; data: { touser: string; template_id: string; data: Record<string, { value: string }> } }[];
    }
  ).messages.map((m) => m.data);

describe('the chase', () => {
  it('reminds, urges, supervises and reports a request left unsigned, each once', async () => {
    const d = await submit();
    const doc = await requestDoc(d.id);
    expect(doc.nextCheckAt).toBeGreaterThan(doc.createdAt);
    expect(doc.nextCheckAt).toBeLessThan(doc.acceptDueAt);

    const before = await chase(doc.createdAt, Date.now() + FAR);
    expect(before.done).toBe(0);

    const remindAt = doc.nextCheckAt!;
    await chase(remindAt, Date.now() + FAR);
    let after = await cloud.ok(HANDLER, 'request', 'detail', { id: d.id });
    expect(after.timeline.at(-1)!.type).toBe('remind');
    expect(after.chase).toBe(1);

    // At the deadline: 催办; run twice, recorded once.
    const urgeAt = doc.acceptDueAt + 1;
    await chase(urgeAt, Date.now() + FAR);
    await chase(urgeAt, Date.now() + FAR);
    after = await cloud.ok(HANDLER, 'request', 'detail', { id: d.id });
    expect(after.timeline.filter((t) => t.type === 'urge')).toHaveLength(1);
    expect(after.chase).toBe(2);
    const overdue = await cloud.ok(ADMIN, 'admin', 'overdue', {});
    expect(overdue.items.map((i) => i.id)).toContain(d.id);

    // Long after: a timer that was down records where things stand (通报), not every missed step.
    const late = deadline(doc.acceptDueAt, { unit: 'workingDays', n: 10 });
    await chase(late, Date.now() + FAR);
    after = await cloud.ok(HANDLER, 'request', 'detail', { id: d.id });
    expect(after.timeline.map((t) => t.type)).toEqual(['submit', 'remind', 'urge', 'notice']);
    expect((await requestDoc(d.id)).nextCheckAt).toBeNull();

    // Signing for it starts the answer clock's own chase; the overdue mark goes.
    const signed = await cloud.ok(HANDLER, 'request', 'accept', v(after));
    expect(signed.chase).toBe(0);
    expect((await cloud.ok(ADMIN, 'admin', 'overdue', {})).items.map((i) => i.id)).not.toContain(d.id);
  });

  it('follows the county calendar: no 催办 during the 国庆 holiday for a request signed just before it', async () => {
    const d = await submit();
    const base = await requestDoc(d.id);
    // The same request as if it had come in on Wed 30 Sep 2026 at 16:00 (1 working day to sign: Thu 8 Oct).
    const at = Date.parse('2026-09-30T16:00:00+08:00');
    const acceptDueAt = deadline(at, base.policy.accept);
    expect(new Date(acceptDueAt).toISOString()).toBe('2026-10-08T15:59:59.999Z');
    const clock = { start: at, due: acceptDueAt, level: 0 };
    const old: RequestDoc = {
      ...base,
      _id: 'holiday-request-1',
      no: '20260930-HOLDAY',
      createdAt: at,
      updatedAt: at,
      acceptDueAt,
      dueAt: deadline(at, base.policy.finish),
      clock,
      nextCheckAt: at + Math.floor((acceptDueAt - at) * 0.75),
      needsCount: false,
      countedSeq: 1,
    };
    await insert('requests', old);
    await chase(Date.parse('2026-10-07T20:00:00+08:00'), Date.now() + FAR);
    let doc = await requestDoc(old._id);
    expect(doc.events.map((e) => e.type)).toEqual(['submit', 'remind']);
    await chase(Date.parse('2026-10-08T23:00:00+08:00'), Date.now() + FAR);
    doc = await requestDoc(old._id);
    expect(doc.events.map((e) => e.type)).toEqual(['submit', 'remind']);
    await chase(Date.parse('2026-10-09T00:00:01+08:00'), Date.now() + FAR);
    doc = await requestDoc(old._id);
    expect(doc.events.map((e) => e.type)).toEqual(['submit', 'remind', 'urge']);
  });

  it(
    'examines only due requests among thousands, in batches',
    async () => {
      const template = await requestDoc((await submit()).id);
      const future = Date.parse('2030-01-01T00:00:00+08:00');
      const now = Date.parse('2027-01-04T10:00:00+08:00');
      const docs: RequestDoc[] = [];
      for (let i = 0; i < 3000; i += 1) {
        const due = i < 300 ? now - 1000 - i : future + i; // 300 due: six batches
        docs.push({
          ...template,
          _id: `bulk-${i}`,
          no: `20270101-B${String(i).padStart(5, '0')}`,
          clock: { start: now - 86_400_000, due, level: 1 },
          nextCheckAt: due,
          needsCount: false,
        });
      }
      for (let i = 0; i < docs.length; i += 200) await Promise.all(docs.slice(i, i + 200).map((d) => insert('requests', d)));
      await chase(now - 86_400_000, Date.now() + FAR); // settle what earlier tests left due
      await resetStats();
      const first = await chase(now, Date.now() + FAR);
      const examinedFirst = (await stats()).collections.requests!.docsExamined;
      expect(first.done).toBeGreaterThanOrEqual(300);
      // The query examines at most its results plus one batch; each compare-and-set write examines its one document.
      expect(examinedFirst).toBeLessThanOrEqual(first.examined + first.done + BATCH);
      expect(examinedFirst).toBeLessThan(2 * first.examined + 2 * BATCH);
      await resetStats();
      const second = await chase(now, Date.now() + FAR);
      expect(second.done).toBe(0);
      expect((await stats()).collections.requests!.docsExamined).toBeLessThanOrEqual(BATCH + second.examined);
    },
    HEAVY,
  );
});

describe('figures and messages', () => {
  // Its first projection applies the 300 requests the scan above chased, one transaction each.
  it(
    'counts each event once into the unit’s month, and sends each message once within the granted quota',
    async () => {
      const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
      await project(Date.now(), Date.now() + FAR);
      const base = (await cloud.ok(HANDLER, 'county', 'figures', { month })).items[0];
      const countyBase = (await cloud.ok(ADMIN, 'county', 'figures', { month })).county;
      const d = await submit();
      const x = await cloud.ok(HANDLER, 'request', 'accept', v(d));
      await cloud.ok(HANDLER, 'request', 'reply', { ...v(x), reply: '请到窗口办理，带身份证和失业证明。' });
      await cloud.ok(R1, 'request', 'rate', { ...v(await cloud.ok(R1, 'request', 'detail', { id: d.id })), resolved: true, score: 5 });
      await project(Date.now(), Date.now() + FAR);
      await project(Date.now(), Date.now() + FAR); // a second run counts nothing again
      const figs = await cloud.ok(HANDLER, 'county', 'figures', { month });
      expect(figs.items.map((f) => f.unitId)).toEqual(['unit-renshe']); // a cadre sees only their unit
      expect(figs.county).toBeNull(); // and not the county's totals
      const now = figs.items[0]!;
      expect(now.received - (base?.received ?? 0)).toBe(1);
      expect(now.signedInTime - (base?.signedInTime ?? 0)).toBe(1);
      expect(now.replied - (base?.replied ?? 0)).toBe(1);
      expect(now.satisfied - (base?.satisfied ?? 0)).toBe(1);
      expect(now.responseRate).toBeGreaterThan(0);
      // The county's month moved by the same events, once.
      const county = (await cloud.ok(ADMIN, 'county', 'figures', { month })).county!;
      for (const f of ['received', 'signedInTime', 'replied', 'satisfied'] as const)
        expect({ f, d: county[f] - (countyBase?.[f] ?? 0) }).toEqual({ f, d: 1 });
      expect(Object.keys(county).sort()).toEqual([...Object.keys(now).filter((k) => k !== 'unitId' && k !== 'unitName')].sort());
      const resident = await cloud.call(R1, 'county', 'figures', { month });
      expect(resident.ok ? 'ok' : resident.error.code).toBe('FORBIDDEN');

      // The resident granted one one-time progress message; the cadre none.
      const me = await cloud.ok(R1, 'user', 'me', {});
      expect(me.subscribe).toEqual({ kind: 'long', tmplIds: ['demo-tmpl-progress-long'] });
      await tapPanel(cloud, R1, { 'demo-tmpl-progress': 'accept' });
      const bad = await cloud.call(R1, 'user', 'grantSubscriptions', { answers: { 'someone-elses-template': 'accept' } });
      expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_INPUT');
      await fetch(`${cloud.url}/dev/messages`, { method: 'DELETE' });
      const sent = await send(Date.now(), Date.now() + FAR);
      const again = await send(Date.now(), Date.now() + FAR);
      expect(again.sent).toBe(0);
      const box = await messages();
      const toResident = box.filter((m) => m.touser === R1);
      expect(sent.sent).toBe(box.length);
      expect(toResident).toHaveLength(1); // one grant, one message; the rest are “no grant” (still in 消息)
      expect(sent.noGrant).toBeGreaterThan(0);
      for (const m of box) {
        for (const [field, { value }] of Object.entries(m.data)) {
          const max = field.startsWith('thing') ? 20 : field.startsWith('phrase') ? 5 : field.startsWith('character_string') ? 32 : 40;
          expect(Array.from(value).length).toBeLessThanOrEqual(max);
        }
      }
      const dumped = await dump();
      const subs = dumped.collections.users!.find((u) => u._id === R1)!.subs as Record<string, { left: number; kind: string }>;
      expect(subs['demo-tmpl-progress']).toMatchObject({ kind: 'once', left: 0 });
    },
    HEAVY,
  );

  it('records WeChat’s 43101 (it holds no grant: refused, switched off) as refused, never as a failure of the request', async () => {
    const d = await submit();
    await tapPanel(cloud, R1, { 'demo-tmpl-progress': 'accept' });
    await cloud.ok(HANDLER, 'request', 'accept', v(d));
    await project(Date.now(), Date.now() + FAR);
    await send(Date.now(), Date.now() + FAR); // drain what is already due
    await tapPanel(cloud, R1, { 'demo-tmpl-progress': 'accept' });
    const detail = await cloud.ok(R1, 'request', 'detail', { id: d.id });
    await cloud.ok(R1, 'request', 'withdraw', v(detail)); // not told to the petitioner: no message
    const again = await cloud.ok(HANDLER, 'request', 'detail', { id: (await submit()).id });
    await cloud.ok(HANDLER, 'request', 'accept', v(again));
    await project(Date.now(), Date.now() + FAR);
    await fetch(`${cloud.url}/dev/openapi/errors`, {
      method: 'POST',
      body: JSON.stringify({ api: 'subscribeMessage.send', errcodes: [43101] }),
    });
    const res = await send(Date.now(), Date.now() + FAR);
    expect(res.refused).toBeGreaterThanOrEqual(1);
    const notes = (await dump()).collections.notifications!.filter((x) => x.requestId === again.id && x.to === R1);
    expect(notes.map((x) => [x.state, x.error])).toEqual([['refused', 43101]]);
    // The request went on regardless.
    expect((await cloud.ok(R1, 'request', 'detail', { id: again.id })).status).toBe('accepted');
  });

  it('the timer function refuses a caller from the app, and runs on its trigger', async () => {
    const fromApp = await cloud.raw(R1, 'timer', {});
    expect(fromApp.ok ? 'ok' : fromApp.error.code).toBe('FORBIDDEN');
    // New work is waiting to be counted: the trigger's run counts it, and a second run finds nothing left.
    const d = await submit();
    const trigger = await cloud.raw(null, 'timer', { Type: 'Timer', TriggerName: 'chase', Time: new Date().toISOString() });
    expect(trigger.ok).toBe(true);
    expect((trigger as { data: { project: { done: number } } }).data.project.done).toBeGreaterThanOrEqual(1);
    expect((await requestDoc(d.id)).needsCount).toBe(false);
    const whole = await runTimer(Date.now());
    expect([whole.chase.done, whole.project.done]).toEqual([0, 0]);
  });

  it('unit heads approve, and the head hears of 督办', async () => {
    const d = await submit();
    const doc = await requestDoc(d.id);
    await chase(deadline(doc.acceptDueAt, { unit: 'workingDays', n: 1 }) + 1, Date.now() + FAR);
    await project(Date.now(), Date.now() + FAR);
    const dumped = await dump();
    const notes = dumped.collections.notifications!.filter((x) => x.requestId === d.id);
    expect(notes.map((x) => x.to)).toEqual(expect.arrayContaining([HEAD, ADMIN]));
  });
});
