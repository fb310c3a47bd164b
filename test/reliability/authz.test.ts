/**
 * Suite 1, authorization: every function × action (read from the code's action tables) × caller
 * (both residents, the handling cadre, a cadre of another unit, a cadre of the unit complained
 * about, a representative, a volunteer, the admin, no identity) gets exactly the answer declared
 * in tables.ts EXPECT, and a refused call changes nothing. Then every lifecycle action × every
 * reachable state (read from TRANSITIONS): it succeeds exactly when the server's own `can` list
 * offers it, lands where the table says, and a refusal changes nothing.
 */
import {
  ALL_ACTIONS,
  CALLER_NAMES,
  CALLERS,
  EXPECT,
  LIFECYCLE,
  MADE_BY,
  FUNCTIONS,
  allowed,
  fixtureIn,
  isTransition,
  partiesOfTransition,
  playerOf,
  readFixture,
  restoreUser,
  split,
  takesRequest,
  validInput,
  type Fixture,
  type Outcome,
  fixtureFor,
  prepareContext,
  freshSetupCode,
} from './tables';
import { logLeaks, tally, useRig } from './harness';

const rig = useRig(__filename, { timeout: 120_000, prepare: prepareContext });

test('every action in the code has a declared row for every caller, and nothing else is declared', () => {
  const missing = ALL_ACTIONS.filter((fa) => !EXPECT[fa] || CALLER_NAMES.some((c) => EXPECT[fa]![c] === undefined));
  const stale = Object.keys(EXPECT).filter((fa) => !ALL_ACTIONS.includes(fa));
  for (const fa of missing) tally('unexpected', `${fa} has no declared expectations (add it to EXPECT in test/reliability/tables.ts)`);
  for (const fa of stale) tally('unexpected', `${fa} is declared but no function answers it`);
  expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  // every lifecycle action is served by some function
  const served = Object.keys(LIFECYCLE).filter(
    (a) => !Object.values(FUNCTIONS).some((t) => Object.prototype.hasOwnProperty.call(t, a)) && !ALL_ACTIONS.includes(MADE_BY[a] ?? ''),
  );
  expect(served).toEqual([]);
});

async function usersDoc(openid: string): Promise<Record<string, unknown> | undefined> {
  const dump = JSON.parse(await rig().dumpText()) as { collections: { users: Record<string, unknown>[] } };
  return dump.collections.users.find((u) => u._id === openid);
}

describe('authorization matrix: function × action × caller', () => {
  test.each(ALL_ACTIONS.map((fa) => [fa]))('%s', async (fa) => {
    const row = EXPECT[fa];
    if (!row) throw new Error(`${fa}: no declared expectations`);
    const [fn, action] = split(fa);
    let fx: Fixture | null = null;
    const wrong: string[] = [];
    for (const name of CALLER_NAMES) {
      const openid = CALLERS[name];
      if (takesRequest(fa) && !fx) fx = await fixtureFor(rig(), fa);
      let input = validInput(fa, fx);
      if (fa === 'user.bindInvite' && openid) {
        const inv = await rig().ok<{ code: string }>(CALLERS.admin, 'admin', 'createInvite', { unitId: 'unit-shimen', level: '镇领导' });
        input = { ...input, code: inv.code };
      }
      // a one-time code is used up by its first caller: each caller gets their own
      if (fa === 'user.claimSetup' && openid) input = { ...input, code: await freshSetupCode() };
      const grantsRole = (fa === 'user.bindInvite' || fa === 'user.claimSetup') && !!openid;
      const userBefore = grantsRole ? await usersDoc(openid) : undefined;
      const before = await rig().dumpText();
      const res = await rig().raw(openid, fn, { action, ...input });
      const got: Outcome = res.env.ok ? 'OK' : res.env.error.code;
      if (got !== row[name]) {
        wrong.push(`${name}: expected ${row[name]}, got ${got}`);
        tally('unexpected', `${fa} as ${name}: expected ${row[name]}, got ${got}`);
      }
      if (!res.env.ok) {
        if ((await rig().dumpText()) !== before) {
          wrong.push(`${name}: refused (${got}) but the database changed`);
          tally('unexpected', `${fa} as ${name}: refused but the database changed`);
        }
      } else {
        if (takesRequest(fa)) fx = null; // it may have moved on: the next caller gets a fresh one
        if (grantsRole) await restoreUser(openid, userBefore);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** Every state a request can be in, per the lifecycle table. */
const STATES = [...new Set(Object.values(LIFECYCLE).flatMap((t) => [...t.from, ...(t.to ? [t.to] : [])]))];
const TRANSITION_ACTIONS = ALL_ACTIONS.filter(isTransition);

describe('lifecycle: every transition × every reachable state', () => {
  test.each(STATES.map((s) => [s]))('from %s', async (state) => {
    // Every state is reached: by walking the table, or as REACH in tables.ts says (重办, 复查).
    let fx: Fixture | null = await fixtureIn(rig(), [state]);
    expect(fx.status).toBe(state);
    const wrong: string[] = [];
    for (const fa of TRANSITION_ACTIONS) {
      if (!fx) fx = await fixtureIn(rig(), [state]);
      const [fn, action] = split(fa);
      const t = LIFECYCLE[action]!;
      const current: Fixture = fx;
      const player =
        partiesOfTransition(t)
          .map((p) => playerOf(p, current, CALLERS.residentA))
          .find((x) => x !== null) ?? null;
      if (!player) continue;
      const seen = await rig().raw(player, 'request', { action: 'detail', id: fx.id });
      const offered = seen.env.ok && (seen.env.data as { can: string[] }).can.includes(action);
      if (offered && !t.from.includes(state)) wrong.push(`${action} offered in ${state}, which the table does not allow`);
      const before = await rig().dumpText();
      const res = await rig().raw(player, fn, { action, ...validInput(fa, fx) });
      if (res.env.ok) {
        const after = await readFixture(rig(), fx.id);
        if (!offered) wrong.push(`${action} succeeded in ${state} but was not offered`);
        if (after.status !== (t.to ?? state)) wrong.push(`${action} from ${state} went to ${after.status}, table says ${t.to ?? state}`);
        if (after.version !== fx.version + 1) wrong.push(`${action} from ${state}: version ${fx.version} → ${after.version}`);
        fx = null;
      } else {
        const code = res.env.error.code;
        if (offered) wrong.push(`${action} offered in ${state} but refused: ${code} ${res.env.error.message}`);
        else if (!['CONFLICT', 'FORBIDDEN', 'NOT_FOUND'].includes(code))
          wrong.push(`${action} in ${state}: ${code} ${res.env.error.message}`);
        if ((await rig().dumpText()) !== before) wrong.push(`${action} in ${state}: refused but the database changed`);
      }
    }
    for (const w of wrong) tally('unexpected', `lifecycle: ${w}`);
    expect(wrong).toEqual([]);
  });
});

test('the walk covers every state of the lifecycle table', () => {
  expect(STATES.sort()).toEqual([
    'accepted',
    'assigned',
    'closed',
    'merged',
    'rejected',
    'reopened',
    'replied',
    'returned',
    'reviewing',
    'submitted',
    'withdrawn',
  ]);
});

test('the table names someone who may do each action', () => {
  expect(ALL_ACTIONS.filter((fa) => allowed(fa).length === 0)).toEqual([]);
});

test('the emulator’s and the functions’ logs carry no phone number or name', () => {
  expect(logLeaks(rig())).toEqual([]);
});

test('the demo county’s unused invite code can be bound (README: “an unused invite code”)', async () => {
  const { demoInvite } = await import('../../scripts/demo-county');
  const res = await rig().raw('rel-new-cadre', 'user', { action: 'bindInvite', code: demoInvite._id, name: '测试干部' });
  const got = res.env.ok ? 'OK' : `${res.env.error.code} ${res.env.error.message}`;
  if (got !== 'OK') tally('unexpected', `demo invite ${demoInvite._id}: ${got}`);
  expect(got).toBe('OK');
});

test('binding an invite keeps the roles one already had (a representative or admin stays one)', async () => {
  const inv = await rig().ok<{ code: string }>(CALLERS.admin, 'admin', 'createInvite', { unitId: 'unit-shimen', level: '镇领导' });
  const me = await rig().ok<{ roles: string[] }>(CALLERS.rep, 'user', 'bindInvite', { code: inv.code, name: '测试干部' });
  if (!me.roles.includes('rep')) tally('unexpected', `bindInvite dropped the rep role: ${me.roles.join(',')}`);
  expect(me.roles).toEqual(expect.arrayContaining(['resident', 'rep', 'cadre']));
});
