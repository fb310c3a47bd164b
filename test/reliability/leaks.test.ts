/**
 * The leak scan over every channel. The channels are found in the code (channels.ts): every
 * action's answer, every WeChat open-API call, every outbox, the logs, stored files, outgoing
 * HTTP; one that is not registered with the scan fails here by its name. With the population
 * planted (population.ts) and the timer run until it has nothing left to do, each channel is
 * read against the rule book (oracle.ts).
 */
import fs from 'fs';
import path from 'path';
import { ALL_ACTIONS, CALLERS, takesRequest, isTransition } from './tables';
import { PHONE, logLeaks, tally, type Rig } from './harness';
import { WALKERS, usePlantedRig, walkAction, type Answer } from './population';
import { channelsIn, discoverChannels, REGISTERED, type ChannelScan } from './channels';
import { leaksIn, world, type World } from './oracle';
import { tapPanel } from '../helpers/subscribe';

const { rig, planted } = usePlantedRig(__filename);

describe('every channel is registered with the scan', () => {
  test('each channel the code uses is registered (by name), and the registry names no channel the code has dropped', () => {
    const found = discoverChannels();
    const unregistered = [...found.entries()]
      .filter(([c]) => !REGISTERED[c])
      .map(([c, where]) => `${c} (${[...new Set(where)].join(', ')})`);
    for (const u of unregistered) tally('leaks', `channel not scanned: ${u}`);
    expect(unregistered).toEqual([]);
    expect(Object.keys(REGISTERED).filter((c) => !found.has(c))).toEqual([]);
  });

  test('the discovery sees a channel someone adds', () => {
    const added = [
      "await cloud.openapi.customerServiceMessage.send({ touser, msgtype: 'text' })",
      'await cloud.uploadFile({ cloudPath: `exports/${month}.xlsx`, fileContent })',
      'console.error(doc)',
      "await fetch('https://sms.example.com/send', { method: 'POST' })",
      "await db.collection('sms_outbox').add({ data })",
      "fs.writeFileSync('/tmp/export.csv', rows)",
      'const buf = await workbook.xlsx.writeBuffer()',
      "await insert('letters', { _id, to, text })",
    ].map(channelsIn);
    expect(added).toEqual([
      ['openapi:customerServiceMessage.send'],
      ['storage'],
      ['log'],
      ['http'],
      ['collection:sms_outbox'],
      ['file'],
      ['export:xlsx'],
      ['collection:letters'],
    ]);
  });
});

/** Runs the timer function as its trigger does, until a run has nothing left to do. */
async function timerUntilIdle(r: Rig): Promise<number> {
  for (let run = 1; run <= 30; run += 1) {
    const res = await r.raw(null, 'timer', { Type: 'Timer', TriggerName: 'chase', Time: new Date().toISOString() });
    if (!res.env.ok) throw new Error(`timer: ${res.env.error.code}`);
    const d = res.env.data as {
      chase: { done: number };
      announce: { done: number };
      project: { done: number };
      send: { done: number };
      surveys: { done: number };
      votes: { done: number };
    };
    if (d.chase.done + d.project.done + d.announce.done + d.send.done + d.surveys.done + d.votes.done === 0) return run;
  }
  throw new Error('the timer never became idle');
}

interface Message {
  api: string;
  data: { touser: string; template_id: string; data: Record<string, { value: string }> };
}
interface Outbox {
  to: string;
  values: unknown[];
  requestId: string;
}

/** How each kind of channel is read; the type makes a new kind without a scanner a compile error. */
const SCANNERS: Record<ChannelScan, (r: Rig, w: World) => Promise<string[]>> = {
  messages: async (r, w) => {
    const { messages } = (await (await fetch(`${r.url}/dev/messages`)).json()) as { messages: Message[] };
    expect(messages.length).toBeGreaterThan(0); // the scan read something real
    return messages.flatMap((m) =>
      leaksIn(JSON.stringify(m.data.data), m.data.touser, w).map((l) => `message ${m.data.template_id} to ${m.data.touser}: ${l}`),
    );
  },
  outbox: async (r, w) => {
    const dump = JSON.parse(await r.dumpText()) as { collections: { notifications?: Outbox[] } };
    const notes = dump.collections.notifications ?? [];
    expect(notes.length).toBeGreaterThan(0);
    return notes.flatMap((n) => leaksIn(JSON.stringify(n.values), n.to, w).map((l) => `outbox to ${n.to}: ${l}`));
  },
  answers: async (r) => {
    // After the timer: every read (lists, figures, details, suggestions) by everyone; the moves are walked in visibility.test.ts.
    const answers: Answer[] = [];
    for (const fa of ALL_ACTIONS.filter(
      (x) => !isTransition(x) && (takesRequest(x) ? !x.startsWith('admin.') || x === 'admin.reveal' : true),
    )) {
      if (fa === 'request.submit' || fa === 'admin.register' || fa === 'user.bindInvite' || fa === 'admin.createInvite') continue; // they make things; walked in visibility.test.ts
      await walkAction(r, fa, planted(), (a) => answers.push(a));
    }
    const fresh = await world(r);
    return answers.flatMap((a) =>
      leaksIn(
        a.text,
        a.who,
        fresh,
        a.fa === 'request.unmask' || a.fa === 'admin.reveal' ? { fa: a.fa, id: String(a.input.id) } : undefined,
      ).map((l) => `${a.fa} to ${String(a.who)}: ${l}`),
    );
  },
  logs: async (r) => logLeaks(r),
  files: async (r) => {
    const dir = path.join(r.dataDir, 'storage');
    const out: string[] = [];
    const walk = (d: string): void => {
      if (!fs.existsSync(d)) return;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else
          for (const m of fs.readFileSync(p).toString('latin1').match(PHONE) ?? [])
            out.push(`stored file ${path.relative(dir, p)}: phone ${m}`);
      }
    };
    walk(dir);
    return out;
  },
  // The text goes to WeChat's content check and nowhere else; the verdict carries none of it.
  platform: async () => [],
  // Every survey's workbook as the admin downloads it: no respondent's openid, no whole phone number.
  exports: async (r) => {
    const { Workbook } = await import('exceljs');
    const surveys = await r.ok<{ items: { id: string }[] }>(CALLERS.admin, 'survey', 'manage', {});
    const dump = JSON.parse(await r.dumpText()) as { collections: { users?: { _id: string }[] } };
    const openids = [...new Set([...WALKERS.filter((w): w is string => !!w), ...(dump.collections.users ?? []).map((u) => u._id)])];
    const out: string[] = [];
    let cells = 0;
    for (const s of surveys.items) {
      const file = await r.ok<{ base64: string }>(CALLERS.admin, 'survey', 'exportResults', { surveyId: s.id });
      const wb = new Workbook();
      await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      wb.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            cells += 1;
            const t = String(cell.text);
            for (const m of t.match(PHONE) ?? []) out.push(`survey ${s.id} workbook, sheet ${sheet.name}: phone ${m}`);
            for (const o of openids) if (t.includes(o)) out.push(`survey ${s.id} workbook, sheet ${sheet.name}: openid ${o}`);
          }),
        ),
      );
    }
    // 干部履职: the county's figures, one row per leader and rule
    const duty = await r.ok<{ base64: string }>(CALLERS.admin, 'duty', 'exportFigures', {});
    const dwb = new Workbook();
    await dwb.xlsx.load(Buffer.from(duty.base64, 'base64') as unknown as ArrayBuffer);
    let dutyCells = 0;
    dwb.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          dutyCells += 1;
          const t = String(cell.text);
          for (const m of t.match(PHONE) ?? []) out.push(`duty figures workbook: phone ${m}`);
          for (const o of openids) if (t.includes(o)) out.push(`duty figures workbook: openid ${o}`);
        }),
      ),
    );
    expect(cells).toBeGreaterThan(0); // the scan read something real
    expect(dutyCells).toBeGreaterThan(0);
    return out;
  },
};

test('after the timer has sent everything, no channel carries what its receiver may not see', async () => {
  for (const who of WALKERS) {
    if (!who) continue;
    for (let i = 0; i < 5; i += 1)
      await tapPanel(rig(), who, { 'demo-tmpl-progress': 'accept', 'demo-tmpl-deadline': 'accept', 'demo-tmpl-survey': 'accept' });
  }
  await timerUntilIdle(rig());
  const w = await world(rig());
  const scanned = new Set<ChannelScan>();
  const leaks: string[] = [];
  for (const kind of new Set(Object.values(REGISTERED).map((c) => c.scan))) {
    leaks.push(...(await SCANNERS[kind](rig(), w)));
    scanned.add(kind);
  }
  for (const l of leaks) tally('leaks', l);
  expect(leaks).toEqual([]);
  expect([...scanned].sort()).toEqual(['answers', 'exports', 'files', 'logs', 'messages', 'outbox', 'platform']);
});

test('S10: residents told of an open survey about a unit they dealt with — in the outbox and pushed — were read by the scan above', async () => {
  const { messages } = (await (await fetch(`${rig().url}/dev/messages`)).json()) as { messages: Message[] };
  const pushed = messages.filter((m) => m.data.template_id === 'demo-tmpl-survey');
  expect(pushed.length).toBeGreaterThan(0);
  const dump = JSON.parse(await rig().dumpText()) as { collections: { notifications?: (Outbox & { template: string; page: string })[] } };
  const notes = (dump.collections.notifications ?? []).filter((n) => n.template === 'survey');
  expect(notes.length).toBeGreaterThanOrEqual(pushed.length);
  for (const n of notes) expect(n.page).toMatch(/^packages\/survey\/answer\/index\?id=sv-[\w-]+&unit=unit-[\w-]+$/);
});

test('issue 9 item 1: a phone typed into a request reaches the unit’s cadres masked in their 时限提醒', async () => {
  const { messages } = (await (await fetch(`${rig().url}/dev/messages`)).json()) as { messages: Message[] };
  const toRenshe = messages.filter(
    (m) =>
      m.data.touser === CALLERS.otherCadre && m.data.template_id === 'demo-tmpl-deadline' && m.data.data.thing2?.value.includes('养老金'),
  );
  expect(toRenshe.map((m) => m.data.data.thing2!.value)).toEqual([expect.stringContaining('137****5442')]);
  expect(JSON.stringify(messages)).not.toContain('13781085442');
});

test('the emulator’s and the functions’ logs carry no phone number or name', () => {
  expect(logLeaks(rig())).toEqual([]);
});
