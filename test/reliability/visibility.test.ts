/**
 * Visibility, generated: for every action in the code's tables, with requests of other units,
 * confidential complaints, complaints about a unit and other residents' requests planted
 * (population.ts), every caller's answer is read against the rule book (oracle.ts): no request
 * reaches a caller who may not know of it, no petitioner a caller who may not see them.
 * Then the two leaks of issue 9 item 2 as they were found, and 并单 suggestions that never rank
 * by the person.
 */
import type { RequestSummary } from '../../typings';
import { ALL_ACTIONS, CALLERS, CADRE_OF, uniq } from './tables';
import { logLeaks, tally } from './harness';
import { usePlantedRig, walkAction, type Answer } from './population';
import { REVEALS, leaksIn, world } from './oracle';

const { rig, planted } = usePlantedRig(__filename);

const idOf = (key: string): string => planted().get(key)!.id;

describe('no answer of any action carries a request or a petitioner its caller may not see', () => {
  test.each(ALL_ACTIONS.map((fa) => [fa]))('%s', async (fa) => {
    const answers: Answer[] = [];
    await walkAction(rig(), fa, planted(), (a) => answers.push(a));
    const w = await world(rig());
    const leaks: string[] = [];
    for (const a of answers) {
      const reveal = REVEALS[a.fa] && typeof a.input.id === 'string' ? { fa: a.fa, id: a.input.id } : undefined;
      for (const l of leaksIn(a.text, a.who, w, reveal))
        leaks.push(`${a.fa} to ${String(a.who)} ${JSON.stringify(a.input).slice(0, 80)}: ${l}`);
    }
    for (const l of leaks) tally('leaks', l);
    expect(leaks).toEqual([]);
    expect(answers.length).toBeGreaterThan(0);
  });
});

describe('issue 9 item 2: 并单 suggestions (request.duplicates)', () => {
  const ZHUJIAN = CALLERS.subjectCadre;
  const RENSHE = CALLERS.otherCadre;

  test('the unit a confidential complaint accuses never finds it beside the same person’s 咨询 (which it may unmask)', async () => {
    const consult = idOf('consult-same-person');
    const ids = (await rig().ok<RequestSummary[]>(ZHUJIAN, 'request', 'duplicates', { id: consult })).map((x) => x.id);
    if (ids.includes(idOf('accuse-confidential')))
      tally('leaks', 'duplicates shows the accused unit the confidential complaint against it');
    expect(ids).not.toContain(idOf('accuse-confidential'));
    expect(ids).not.toContain(idOf('accuse-open'));
  });

  test('a cadre finds only requests of their own unit, never another unit’s', async () => {
    const w = await world(rig());
    for (const [who, unit] of [
      [RENSHE, 'unit-renshe'],
      [ZHUJIAN, 'unit-zhujian'],
      [CALLERS.handlingCadre, 'unit-chengguan'],
    ] as const) {
      for (const p of planted().values()) {
        const r = await rig().raw(who, 'request', { action: 'duplicates', id: p.id });
        if (!r.env.ok) continue;
        for (const s of (r as { env: { data: RequestSummary[] } }).env.data) {
          const d = w.requests.find((x) => x._id === s.id)!;
          if (d.unitId !== unit) tally('leaks', `duplicates of ${p.key} to ${who}: ${s.no} of ${String(d.unitId)}`);
          expect([p.key, s.no, d.unitId]).toEqual([p.key, s.no, unit]);
          expect(d.confidential).toBe(false);
        }
      }
    }
  });

  test('suggestions are ranked by card or place and time, never by who asked', async () => {
    const at = (who: string, text: string) =>
      rig().ok<{ id: string }>(who, 'request', 'submit', {
        clientId: uniq('dup'),
        category: '咨询',
        content: text,
        scene: 'c-chengguan-01',
        confidential: false,
        mayContact: false,
      });
    const first = await at(CALLERS.residentA, '低保申请需要哪些材料？第一次问');
    await new Promise((r) => setTimeout(r, 30));
    const other = await at(CALLERS.residentB, '低保申请需要准备什么材料？');
    await new Promise((r) => setTimeout(r, 30));
    const again = await at(CALLERS.residentA, '低保申请需要哪些材料？再问一次');
    const got = await rig().ok<RequestSummary[]>(CADRE_OF['unit-chengguan']!, 'request', 'duplicates', { id: again.id });
    const order = got.map((x) => x.id).filter((id) => id === first.id || id === other.id);
    // the other resident's request is nearer in time: it comes first, whoever asked
    expect(order).toEqual([other.id, first.id]);
  });
});

test('the emulator’s and the functions’ logs carry no phone number or name', () => {
  expect(logLeaks(rig())).toEqual([]);
});
