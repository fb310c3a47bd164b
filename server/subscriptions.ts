/**
 * 订阅消息 grants, per user and template (issue 19). Each template the county chose says whether it
 * is long-term (长期订阅, open to 政务民生 mini-programs: one 允许, many messages) or one-time (one
 * 允许, one message). The app asks for the long-term ones where the county has them; the outbox
 * sends with a long-term grant first and falls back to a one-time one, which a send uses up.
 * The platform keeps its own record and answers 43101 when it has none: ours is what the user told
 * the app, corrected by the platform's answers.
 */
import type { MessagePurpose, Role, SubscribeAnswer, SubscribeAsk, TemplateKind } from '../typings';
import type { UserDoc } from './caller';
import type { Directory, TemplateSetting } from './directory';

/** What one user said of one template, and what is left of it. */
export interface Grant {
  kind: TemplateKind;
  /** The last answer: from the panel, from 设置 → 通知管理 (getSetting), or 'reject' after the platform's 43101. */
  answer: Exclude<SubscribeAnswer, 'filter'>;
  /** One-time messages allowed and not yet sent (each 允许 adds one; each send uses one). */
  left: number;
  /** 总是保持以上选择，不再询问 (getSetting's itemSettings names the template). */
  keep: boolean;
  at: number;
}

/** Every template of the county, normalised: the list, and the older one-time `progress`/`deadline` ids. */
export function templatesOf({ subscribe }: Directory): TemplateSetting[] {
  const list: TemplateSetting[] = [...(subscribe.templates ?? [])];
  for (const purpose of ['progress', 'deadline'] as const) {
    const id = subscribe[purpose];
    if (id && !list.some((t) => t.id === id)) list.push({ id, purpose, kind: 'once' });
  }
  return list;
}

/** The templates a notice of this purpose may go by, long-term first (one grant, many messages). */
export function candidates(dir: Directory, purpose: MessagePurpose): TemplateSetting[] {
  const all = templatesOf(dir).filter((t) => t.purpose === purpose);
  return [...all.filter((t) => t.kind === 'long'), ...all.filter((t) => t.kind === 'once')];
}

/** A user's grant of a template; a count from before issue 19 (`grants`) is a one-time grant. */
export function grantOf(user: Pick<UserDoc, 'subs' | 'grants'> | null, t: TemplateSetting): Grant | null {
  const g = user?.subs?.[t.id];
  if (g) return g;
  const old = user?.grants?.[t.id];
  return typeof old === 'number' ? { kind: 'once', answer: 'accept', left: old, keep: false, at: 0 } : null;
}

/** A send may go by this template now: long-term accepted, or a one-time grant left. */
export function usable(g: Grant | null, t: TemplateSetting): boolean {
  if (!g || (g.answer !== 'accept' && g.answer !== 'acceptWithAudio')) return false;
  return t.kind === 'long' ? g.kind === 'long' : g.left > 0;
}

/** Why a user receives no push of this purpose now, or null when they do. */
export type Unreachable = 'off' | 'refused' | 'none';
export function unreachable(
  user: Pick<UserDoc, 'subs' | 'grants' | 'pushOff'> | null,
  dir: Directory,
  purpose: MessagePurpose,
): Unreachable | null {
  const ts = candidates(dir, purpose);
  if (user?.pushOff) return 'off';
  if (ts.some((t) => usable(grantOf(user, t), t))) return null;
  const refused = ts.some((t) => {
    const a = grantOf(user, t)?.answer;
    return a === 'reject' || a === 'ban';
  });
  return refused ? 'refused' : 'none';
}

/**
 * The purposes a person is asked to allow: progress of their own requests; staff also new work and
 * deadlines; residents also surveys about units they dealt with (staff, too, find those in 消息).
 */
function purposesOf(roles: readonly Role[]): MessagePurpose[] {
  return roles.includes('cadre') || roles.includes('admin') ? ['deadline', 'progress'] : ['progress', 'survey'];
}

/** Notices rare enough (a survey or two a year) that one grant held is enough: not asked for again while one is usable. */
const ONE_HELD_IS_ENOUGH: ReadonlySet<MessagePurpose> = new Set(['survey']);

/**
 * What the next tap asks for (one kind per panel: WeChat refuses one-time and long-term ids
 * together; at most 3): for each purpose with no usable grant, its long-term template where the
 * county has one; once those are granted (or there are none), the one-time ones.
 */
export function askFor(dir: Directory, roles: readonly Role[], user: Pick<UserDoc, 'subs' | 'grants'> | null): SubscribeAsk {
  const needed = purposesOf(roles)
    .map((p) => ({ p, ts: candidates(dir, p) }))
    .filter(({ p, ts }) => !(ONE_HELD_IS_ENOUGH.has(p) && ts.some((t) => usable(grantOf(user, t), t))))
    .map(({ ts }) => ts);
  const longs = needed.flatMap((ts) => ts.filter((t) => t.kind === 'long' && !usable(grantOf(user, t), t)).slice(0, 1));
  if (longs.length) return { kind: 'long', tmplIds: longs.slice(0, 3).map((t) => t.id) };
  // Purposes a long-term grant already covers need no one-time grant.
  const onces = needed
    .filter((ts) => !ts.some((t) => t.kind === 'long' && usable(grantOf(user, t), t)))
    .flatMap((ts) => ts.filter((t) => t.kind === 'once').slice(0, 1));
  return { kind: 'once', tmplIds: onces.slice(0, 3).map((t) => t.id) };
}
