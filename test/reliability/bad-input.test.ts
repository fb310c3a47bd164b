/**
 * Suite 2, bad input (property-based, fast-check): for every action in the code's tables, events
 * made from a valid one by dropping fields, changing them to wrong types, huge or strange unicode
 * strings (lone surrogates, RTL marks, zero-width, emoji) or injection-looking values
 * (`{"$gt": ""}`, `$where`, dotted keys), and by adding fields (including `__proto__` and
 * `constructor`). Only the fixed error codes come back, never INTERNAL; a refused call leaves the
 * database byte-for-byte as it was (GET /dev/dump); an extra or missing required field is never
 * accepted.
 */
import fc from 'fast-check';
import { ERROR_CODES } from '../../miniprogram/shared/errors';
import {
  ALL_ACTIONS,
  CALLERS,
  allowed,
  shapeOf,
  split,
  takesRequest,
  validInput,
  type Fixture,
  fixtureFor,
  prepareContext,
} from './tables';
import { LARGE, SIZE, logLeaks, tally, useRig } from './harness';

const rig = useRig(__filename, { timeout: 300_000, prepare: prepareContext });

const RUNS = 6 * SIZE;

const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF',
  'a\uD83Db',
  '\u202E诉求\u202C',
  '\u200F',
  '\u200B\u200C\u200D',
  '\uFEFF',
  '👨‍👩‍👧‍👦',
  '𝌆',
  '🇨🇳',
  'ｆｕｌｌｗｉｄｔｈ',
  'e\u0301',
  '\u0085',
  '\u2028\u2029',
  'x'.repeat(100_000),
  '😀'.repeat(5_000),
  '诉'.repeat(3_000),
  '{"$gt": ""}',
  '$where',
  'a.b',
  '__proto__',
  'constructor',
  "'; DROP TABLE requests; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'cloud://../../x',
  '13800001234',
  'null',
  'undefined',
  'NaN',
];
const INJECTION: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  { 'a.b': 1 },
  { $set: { status: 'closed' } },
  { __proto__: { admin: true } },
  [{ $gt: '' }],
  { constructor: { prototype: { x: 1 } } },
];

const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53, [], {}, ...INJECTION),
  fc.constantFrom(...EDGE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.anything({ maxDepth: 2 }),
);

const EXTRA_KEYS = [
  'extra',
  '__proto__',
  'constructor',
  'prototype',
  'a.b',
  '$where',
  '$set',
  '_id',
  'requesterId',
  'status',
  'roles',
  'openid',
  'userInfo.openId',
];

type Mutation =
  | { kind: 'drop'; key: string }
  | { kind: 'set'; key: string; value: unknown }
  | { kind: 'wrap'; key: string; prefix: string; suffix: string }
  | { kind: 'extra'; key: string; value: unknown };

function mutationsFor(fa: string, keys: string[]): fc.Arbitrary<Mutation[]> {
  const all = [...new Set([...keys, ...Object.keys(shapeOf(fa))])];
  const key = all.length ? fc.constantFrom(...all) : fc.constant('id');
  const m: fc.Arbitrary<Mutation> = fc.oneof(
    key.map((k) => ({ kind: 'drop' as const, key: k })),
    fc.record({ key, value: weird }).map((r) => ({ kind: 'set' as const, ...r })),
    fc
      .record({ key, prefix: fc.constantFrom(...EDGE_STRINGS.slice(0, 16)), suffix: fc.constantFrom(...EDGE_STRINGS.slice(0, 16)) })
      .map((r) => ({ kind: 'wrap' as const, ...r })),
    fc
      .record({ key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 12 })), value: weird })
      .map((r) => ({ kind: 'extra' as const, ...r })),
  );
  return fc.array(m, { minLength: 1, maxLength: 3 });
}

/** The event as JSON text: keys like `__proto__` stay own keys, as a client could send them. */
function eventText(action: string, fields: [string, unknown][]): string {
  const parts = [['action', action] as [string, unknown], ...fields]
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`);
  return `{${parts.join(',')}}`;
}

describe('every action refuses malformed input with a fixed code and changes nothing', () => {
  test.each(ALL_ACTIONS.map((fa) => [fa]))('%s', async (fa) => {
    const [fn, action] = split(fa);
    const shape = shapeOf(fa);
    const caller = CALLERS[allowed(fa)[0] ?? 'residentA']!;
    let fx: Fixture | null = takesRequest(fa) ? await fixtureFor(rig(), fa) : null;
    const wrong: string[] = [];
    await fc.assert(
      fc.asyncProperty(mutationsFor(fa, Object.keys(validInput(fa, fx))), async (muts) => {
        if (takesRequest(fa) && !fx) fx = await fixtureFor(rig(), fa);
        const fields = new Map<string, unknown>(Object.entries(validInput(fa, fx)));
        const extras: [string, unknown][] = [];
        for (const m of muts) {
          if (m.kind === 'drop') {
            fields.delete(m.key);
          } else if (m.kind === 'set') fields.set(m.key, m.value);
          else if (m.kind === 'wrap') {
            // An object set by an earlier mutation (even one whose toString is not a function) stays as it is.
            const cur = fields.get(m.key);
            if (typeof cur !== 'object' || cur === null) fields.set(m.key, `${m.prefix}${String(cur ?? '')}${m.suffix}`);
          } else if (m.key !== 'action') extras.push([m.key, m.value]);
        }
        const required = Object.entries(shape)
          .filter(([, z]) => (z as unknown as { _zod: { def: { type: string } } })._zod.def.type !== 'optional')
          .map(([k]) => k);
        const droppedRequired = required.some((k) => fields.get(k) === undefined);
        const extraOwn = extras.filter(([k, v]) => !Object.prototype.hasOwnProperty.call(shape, k) && k !== 'action' && v !== undefined);
        const before = await rig().dumpText();
        const res = await rig().raw(caller, fn, eventText(action, [...fields.entries(), ...extras]));
        const what = `${fa} ${JSON.stringify(muts).slice(0, 160)}`;
        if (res.status !== 200 || (!res.env.ok && (!ERROR_CODES.includes(res.env.error.code) || res.env.error.code === 'INTERNAL'))) {
          wrong.push(`${what} → ${res.status} ${res.env.ok ? 'ok' : res.env.error.code}`);
          tally('unexpected', `${what} → ${res.env.ok ? 'ok' : res.env.error.code}`);
        } else if (!res.env.ok) {
          if ((await rig().dumpText()) !== before) {
            wrong.push(`${what}: refused but the database changed`);
            tally('unexpected', `${what}: refused (${res.env.error.code}) but the database changed`);
          }
        } else {
          if (extraOwn.length > 0 || droppedRequired) {
            wrong.push(`${what}: accepted with ${extraOwn.length ? 'extra fields' : 'a required field missing'}`);
            tally(
              'unexpected',
              `${what}: accepted with ${extraOwn.length ? `extra field ${extraOwn.map(([k]) => k).join(',')}` : 'a required field missing'}`,
            );
          }
          if (takesRequest(fa)) fx = null;
        }
      }),
      { numRuns: RUNS, seed: process.env.LIANXIN_SEED ? Number(process.env.LIANXIN_SEED) : undefined },
    );
    expect(wrong).toEqual([]);
  });
});

/** Events per action in the refusal storm: `npm run reliability` sends over 100,000 in all. */
const STORM = LARGE ? 2_400 : 40;

describe('a storm of events each malformed for sure: all refused with INVALID_INPUT, the database untouched', () => {
  test.each(ALL_ACTIONS.map((fa) => [fa]))('%s', async (fa) => {
    const [fn, action] = split(fa);
    const shape = shapeOf(fa);
    const caller = CALLERS[allowed(fa)[0] ?? 'residentA']!;
    const fx: Fixture | null = takesRequest(fa) ? await fixtureFor(rig(), fa) : null;
    const valid = Object.entries(validInput(fa, fx));
    // Every event carries at least one field its schema does not know: a strict schema must refuse it.
    const unknownKey = fc
      .oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ minLength: 1, maxLength: 12 }))
      .filter((k) => !Object.prototype.hasOwnProperty.call(shape, k) && k !== 'action' && k !== 'userInfo');
    const events = fc
      .sample(
        fc.tuple(
          mutationsFor(
            fa,
            valid.map(([k]) => k),
          ),
          fc.array(fc.record({ key: unknownKey, value: weird }), { minLength: 1, maxLength: 3 }),
        ),
        { numRuns: STORM, seed: process.env.LIANXIN_SEED ? Number(process.env.LIANXIN_SEED) : 9 },
      )
      .map(([muts, extras]) => {
        const fields = new Map<string, unknown>(valid);
        for (const m of muts) {
          if (m.kind === 'drop') fields.delete(m.key);
          else if (m.kind === 'set') fields.set(m.key, m.value);
          else if (m.kind === 'wrap') fields.set(m.key, `${m.prefix}${String(fields.get(m.key) ?? '')}${m.suffix}`);
        }
        for (const e of extras) fields.delete(e.key);
        return eventText(action, [
          ...fields.entries(),
          ...extras.map((e): [string, unknown] => [e.key, e.value === undefined ? null : e.value]),
        ]);
      });
    const before = await rig().dumpText();
    const wrong: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < events.length) {
        const body = events[(next += 1) - 1]!;
        const res = await rig().raw(caller, fn, body);
        const code = res.env.ok ? 'OK' : res.env.error.code;
        if (code !== 'INVALID_INPUT') {
          wrong.push(`${body.slice(0, 160)} → ${res.status} ${code}`);
          tally('unexpected', `${fa} with an unknown field → ${code}: ${body.slice(0, 120)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(wrong.slice(0, 5)).toEqual([]);
    if ((await rig().dumpText()) !== before) tally('unexpected', `${fa}: a storm of refused events changed the database`);
    expect(await rig().dumpText()).toBe(before);
  });
});

describe('events that are not an action at all', () => {
  test('every function answers INVALID_INPUT, never INTERNAL, and changes nothing', async () => {
    const before = await rig().dumpText();
    const wrong: string[] = [];
    for (const fn of ['user', 'county', 'request', 'admin', 'rep']) {
      for (const body of [
        'null',
        '[]',
        '"submit"',
        '42',
        '{}',
        '{"action":42}',
        '{"action":null}',
        '{"action":{"$gt":""}}',
        '{"action":"__proto__"}',
        '{"action":"constructor"}',
        '{"action":"toString"}',
        '{"action":"hasOwnProperty"}',
        '{"action":"submit ","clientId":"x"}',
        '{"action":"SUBMIT"}',
      ]) {
        const res = await rig().raw(CALLERS.residentA, fn, body);
        const code = res.env.ok ? 'ok' : res.env.error.code;
        if (code !== 'INVALID_INPUT') {
          wrong.push(`${fn} ${body} → ${code}`);
          tally('unexpected', `${fn} ${body} → ${code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await rig().dumpText()).toBe(before);
  });
});

test('the emulator’s and the functions’ logs carry no phone number or name', () => {
  expect(logLeaks(rig())).toEqual([]);
});
