/**
 * Recording what a user said in a subscription panel and in 设置 → 通知管理 (what
 * wx.getSetting({withSubscriptions: true}) reports), per template: see subscriptions.ts.
 */
import type { ActionReq } from '../typings';
import type { Caller, UserDoc } from './caller';
import { _, db, insert } from './db';
import type { Directory } from './directory';
import { AppError } from './errors';
import { templatesOf, type Grant } from './subscriptions';

type Input = ActionReq<'user', 'grantSubscriptions'>;
type Subs = Pick<UserDoc, 'subs' | 'grants'>;

const accepted = (a: string): boolean => a === 'accept' || a === 'acceptWithAudio';

/** Writes the answers into the caller's user document (made for a resident who has none); answers the grants as they now stand. */
export async function recordGrants(caller: Caller, dir: Directory, input: Input, now: number): Promise<Subs> {
  const known = new Map(templatesOf(dir).map((t) => [t.id, t]));
  const unknown = Object.keys(input.answers).filter((id) => !known.has(id));
  if (unknown.length) throw new AppError('INVALID_INPUT', '订阅的消息模板不存在');

  const before = caller.subs;
  const next: Record<string, Grant> = {};
  for (const t of known.values()) {
    const prev = before.subs?.[t.id];
    // A count kept before issue 19 carries over into the template's first record.
    const left0 = prev?.left ?? before.grants?.[t.id] ?? 0;
    const answer = input.answers[t.id];
    const kept = input.itemSettings ? Object.prototype.hasOwnProperty.call(input.itemSettings, t.id) : undefined;
    const keptAnswer = kept ? input.itemSettings![t.id] : undefined;
    if ((answer === undefined || answer === 'filter') && kept === undefined) continue;
    let g: Grant = prev ?? { kind: t.kind, answer: 'reject', left: left0, keep: false, at: now };
    if (answer !== undefined && answer !== 'filter') {
      g = { ...g, kind: t.kind, answer, at: now, left: t.kind === 'once' && accepted(answer) ? left0 + 1 : left0 };
    } else if (keptAnswer && (t.kind === 'long' || keptAnswer !== 'accept')) {
      // Changed in 设置 → 通知管理 since: a long-term template's kept choice is its grant; a one-time one's refusal ends it.
      g = { ...g, kind: t.kind, answer: keptAnswer, at: now };
    } else if (!prev) continue; // a kept 允许 of a one-time template grants nothing by itself
    if (kept !== undefined) g = { ...g, keep: kept };
    next[t.id] = g;
  }
  const data: Record<string, unknown> = Object.fromEntries(Object.entries(next).map(([id, g]) => [`subs.${id}`, g]));
  if (input.mainSwitch !== undefined) data.pushOff = !input.mainSwitch;
  const after: Subs = { subs: { ...before.subs, ...next }, grants: before.grants ?? {} };
  if (!Object.keys(data).length) return after;

  const res = (await db
    .collection('users')
    .where({ _id: caller.openid })
    .update({ data: { ...data, updatedAt: now } })) as { stats?: { updated?: number } };
  if (res.stats?.updated !== 1) {
    // A resident with no user document yet: make it with these grants.
    const doc: UserDoc = {
      _id: caller.openid,
      roles: ['resident'],
      unitId: null,
      unitName: null,
      name: null,
      level: null,
      subs: next,
      ...(input.mainSwitch !== undefined ? { pushOff: !input.mainSwitch } : {}),
      createdAt: now,
      updatedAt: now,
    };
    await insert('users', doc).catch(async () => {
      await db
        .collection('users')
        .where({ _id: caller.openid })
        .update({ data: { ...data, updatedAt: now } }); // made meanwhile
    });
  }
  return after;
}

/** A send used one one-time grant: taken only while one is left (compare-and-set on the count). */
export async function useOneTimeGrant(user: Subs & { _id: string }, templateId: string): Promise<void> {
  const field = user.subs?.[templateId] ? `subs.${templateId}.left` : `grants.${templateId}`;
  await db
    .collection('users')
    .where({ _id: user._id, [field]: _.gt(0) })
    .update({ data: { [field]: _.inc(-1) } });
}

/** The platform answered 43101: it holds no grant of this template for the user (refused, switched off, used up). */
export async function loseGrant(user: Subs & { _id: string }, templateId: string, kind: Grant['kind'], now: number): Promise<void> {
  const prev = user.subs?.[templateId];
  const g: Grant = { kind, answer: 'reject', left: 0, keep: prev?.keep ?? false, at: now };
  await db
    .collection('users')
    .doc(user._id)
    .update({ data: { [`subs.${templateId}`]: g, ...(user.grants?.[templateId] ? { [`grants.${templateId}`]: 0 } : {}) } });
}
