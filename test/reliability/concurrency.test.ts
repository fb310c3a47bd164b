/**
 * Suite 4, concurrency: 20 concurrent transitions on one request at one version, for every
 * lifecycle action (read from TRANSITIONS), then mixed storms over many versions: exactly one
 * wins per version, the rest get CONFLICT, and the audit trail embedded in the request has one
 * event per successful change (and nothing else).
 */
import {
  ALL_ACTIONS,
  CALLERS,
  LIFECYCLE,
  fixtureIn,
  isTransition,
  partiesOfTransition,
  playerOf,
  readFixture,
  split,
  validInput,
  type Fixture,
  fixtureFor,
  prepareContext,
} from './tables';
import { SIZE, brokenInvariants, logLeaks, tally, useRig } from './harness';

const rig = useRig(__filename, { timeout: 300_000, prepare: prepareContext });

const SECOND_CADRE: Record<string, string> = { 'demo-cadre-chengguan': 'rel-cadre-chengguan-2' };
const TRANSITIONS_SERVED = ALL_ACTIONS.filter(isTransition);

async function stored(id: string) {
  return (await rig().requests()).find((r) => r._id === id)!;
}

describe('20 at once on one version: exactly one wins', () => {
  test.each(TRANSITIONS_SERVED.map((fa) => [fa]))('%s', async (fa) => {
    const [fn, action] = split(fa);
    const t = LIFECYCLE[action]!;
    for (let round = 0; round < SIZE; round += 1) {
      let fx: Fixture;
      try {
        fx = await fixtureFor(rig(), fa);
      } catch {
        return; // a state no walk reaches from a new request
      }
      const player = partiesOfTransition(t)
        .map((p) => playerOf(p, fx, fx.requesterId ?? CALLERS.residentA))
        .find((x) => x !== null);
      if (!player) return;
      const players = [player, SECOND_CADRE[player] ?? player];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => rig().raw(players[i % 2]!, fn, { action, ...validInput(fa, fx) })),
      );
      const codes = results.map((r) => (r.env.ok ? 'OK' : (r.env.error?.code ?? `${r.status} ${JSON.stringify(r.env).slice(0, 200)}`)));
      const wins = codes.filter((c) => c === 'OK').length;
      const after = await stored(fx.id);
      // a loser of a change that moved the request to another unit no longer sees it at all
      const lost = after.unitId !== fx.unitId ? ['CONFLICT', 'NOT_FOUND'] : ['CONFLICT'];
      const others = codes.filter((c) => c !== 'OK' && !lost.includes(c));
      const added = after.events.length - (fx.version + 1);
      if (wins !== 1) tally(wins > 1 ? 'duplicated' : 'unexpected', `${fa}: ${wins} of 20 won one version`);
      if (others.length) tally('unexpected', `${fa}: ${others.join(',')}`);
      if (added !== wins) tally('unexpected', `${fa}: ${wins} wins but ${added} events`);
      expect({ wins, others, added, version: after.version, broken: brokenInvariants(after) }).toEqual({
        wins: 1,
        others: [],
        added: 1,
        version: fx.version + 1,
        broken: [],
      });
    }
  });
});

test('mixed storms over many versions: one winner per version, one event per win', async () => {
  const problems: string[] = [];
  for (let n = 0; n < 2 * SIZE; n += 1) {
    let fx = await fixtureIn(rig(), ['assigned']);
    const start = fx.version;
    let wins = 0;
    for (let round = 0; round < 8; round += 1) {
      // everyone who may act now, each trying what the server offers them, 20 calls at this version
      const tries: [string, string][] = [];
      for (const who of [CALLERS.residentA, CALLERS.handlingCadre, 'rel-cadre-chengguan-2', CALLERS.admin]) {
        const d = await rig().raw(who, 'request', { action: 'detail', id: fx.id });
        if (d.env.ok) for (const a of (d.env.data as { can: string[] }).can) tries.push([who, a]);
      }
      if (tries.length === 0) break;
      const calls = Array.from({ length: 20 }, (_, i) => tries[(i * 7 + round) % tries.length]!);
      const results = await Promise.all(
        calls.map(([who, a]) => {
          const fa = ALL_ACTIONS.find((x) => split(x)[1] === a)!;
          return rig().raw(who, split(fa)[0], { action: a, ...validInput(fa, fx) });
        }),
      );
      const won = results.filter((r) => r.env.ok).length;
      const next = await readFixture(rig(), fx.id);
      // losers of a change that moved the request to another unit no longer see it at all
      const losing = next.unitId !== fx.unitId ? ['CONFLICT', 'NOT_FOUND'] : ['CONFLICT'];
      const odd = results
        .filter((r) => !r.env.ok && !losing.includes(r.env.error.code))
        .map((r) => (r.env.ok ? '' : `${r.env.error.code} ${r.env.error.message}`));
      if (won !== 1) problems.push(`round ${round}: ${won} winners`);
      if (odd.length) problems.push(`round ${round}: ${odd.join('; ')}`);
      wins += won;
      fx = next;
    }
    const after = await stored(fx.id);
    if (after.events.length - 1 - start !== wins) problems.push(`${fx.id}: ${wins} wins, ${after.events.length - 1 - start} events added`);
    problems.push(...brokenInvariants(after).map((b) => `${fx.id}: ${b}`));
  }
  for (const p of problems) tally(/winners/.test(p) && !/ [01] winners/.test(p) ? 'duplicated' : 'unexpected', p);
  expect(problems).toEqual([]);
});

test('unmask racing a transition: both are recorded, neither is lost', async () => {
  for (let n = 0; n < 3 * SIZE; n += 1) {
    const fx = await fixtureIn(rig(), ['assigned']);
    const results = await Promise.all([
      rig().raw(CALLERS.handlingCadre, 'request', { action: 'accept', id: fx.id, version: fx.version }),
      ...Array.from({ length: 5 }, () => rig().raw('rel-cadre-chengguan-2', 'request', { action: 'unmask', id: fx.id })),
    ]);
    const after = await stored(fx.id);
    const wins = results.filter((r) => r.env.ok).length;
    const codes = results.filter((r) => !r.env.ok).map((r) => (r.env.ok ? '' : r.env.error.code));
    // unmask retries on a concurrent change; an accept that loses to an unmask is a CONFLICT
    expect(codes.every((c) => c === 'CONFLICT')).toBe(true);
    expect(after.events.length - (fx.version + 1)).toBe(wins);
    expect(brokenInvariants(after)).toEqual([]);
  }
});

test('the emulator’s and the functions’ logs carry no phone number or name', () => {
  expect(logLeaks(rig())).toEqual([]);
});
