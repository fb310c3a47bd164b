/**
 * Suite 7, content: every field of every action that takes free text (found by asking each
 * action's own schema whether it accepts Chinese text with a risky word in it) is checked by
 * security.msgSecCheck v2: risky text is refused with CONTENT_REJECTED and never stored.
 * The emulator's checker calls risky what emulator/sensitive-words.json lists.
 */
import fs from 'fs';
import path from 'path';
import {
  ALL_ACTIONS,
  CALLERS,
  FILLER,
  FUNCTIONS,
  allowed,
  shapeOf,
  split,
  takesRequest,
  validInput,
  fixtureFor,
  prepareContext,
} from './tables';
import { REPO, logLeaks, tally, useRig } from './harness';

const rig = useRig(__filename, { timeout: 120_000, prepare: prepareContext });

const WORDS = (JSON.parse(fs.readFileSync(path.join(REPO, 'emulator', 'sensitive-words.json'), 'utf8')) as { words: string[] }).words;
const RISKY = WORDS.find((w) => /[\u4e00-\u9fa5]/.test(w))!;

/** Values with the risky word that fit a text field of any length limits. */
const candidates = (): string[] => [RISKY, `${RISKY}${FILLER}`, `${FILLER}${RISKY}${FILLER}${FILLER}`, `${RISKY}${FILLER}`.slice(0, 10)];

/** [fn.action, field, risky input] for every field the schema accepts free text in. */
function textFields(fa: string, fx: Parameters<typeof validInput>[1]): [string, Record<string, unknown>][] {
  const [fn, a] = split(fa);
  const schema = FUNCTIONS[fn]![a]!.input;
  const out: [string, Record<string, unknown>][] = [];
  for (const key of Object.keys(shapeOf(fa))) {
    for (const v of candidates()) {
      const input = { ...validInput(fa, fx), [key]: v };
      if (schema.safeParse(input).success) {
        out.push([key, input]);
        break;
      }
    }
  }
  return out;
}

const checked: string[] = [];

describe('risky text in any text field is refused and never stored', () => {
  test.each(ALL_ACTIONS.map((fa) => [fa]))('%s', async (fa) => {
    const [fn, action] = split(fa);
    const caller = CALLERS[allowed(fa)[0] ?? 'residentA']!;
    const wrong: string[] = [];
    const probe = takesRequest(fa) ? { id: 'x', version: 0, unitId: null, status: 'assigned' } : null;
    for (const [key] of textFields(fa, probe)) {
      const fx = takesRequest(fa) ? await fixtureFor(rig(), fa) : null;
      const input = textFields(fa, fx).find(([k]) => k === key)![1];
      const before = await rig().dumpText();
      const res = await rig().raw(caller, fn, { action, ...input });
      const got = res.env.ok ? 'OK' : res.env.error.code;
      checked.push(`${fa}.${key}`);
      const after = await rig().dumpText();
      // a read may take any text as long as it stores nothing; an opaque cursor it did not write is bad input
      const cursorRefused = key === 'cursor' && got === 'INVALID_INPUT';
      if (got !== 'CONTENT_REJECTED' && !(got === 'OK' && after === before) && !cursorRefused) wrong.push(`${key}: ${got}`);
      if (after !== before) wrong.push(`${key}: the database changed`);
      if (after.includes(RISKY)) wrong.push(`${key}: the risky text was stored`);
    }
    for (const w of wrong) tally('unexpected', `content check: ${fa}.${w}`);
    expect(wrong).toEqual([]);
  });

  test('the text fields found include the ones people type', () => {
    for (const f of [
      'request.submit.content',
      'request.submit.contactName',
      'request.reply.reply',
      'request.return.reason',
      'request.transfer.reason',
      'request.withdraw.reason',
      'request.rate.comment',
      'admin.dispatch.note',
      'user.bindInvite.name',
    ]) {
      if (ALL_ACTIONS.includes(f.split('.').slice(0, 2).join('.'))) expect([f, checked.includes(f)]).toEqual([f, true]);
    }
  });

  test('no risky word is anywhere in the database', async () => {
    const dump = await rig().dumpText();
    for (const w of WORDS) expect(dump.includes(w)).toBe(false);
  });
});

test('the emulator’s and the functions’ logs carry no phone number or name', () => {
  expect(logLeaks(rig())).toEqual([]);
});
