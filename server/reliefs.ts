/**
 * 扶贫济困 (S8): a leader's 一助一 household and a department's 优抚 household with its named
 * contact, the festival visits to each (元旦, 春节; 春种, 八一, 秋收, 春节), and the timer's reminders
 * before each occasion through the outbox (a notice in 消息, pushed where the cadre allowed it).
 */
import type { ReliefView } from '../typings';
import { PAIR_KINDS, type PairKind } from '../miniprogram/shared/duties';
import { db, findAll, getById, insert } from './db';
import { requestId } from './domain/requestNo';
import { maskName } from './domain/privacy';
import { dueReminders, type DutyRule, type LunarNewYears } from './domain/duties';
import type { CadreOwned, DutyEvent } from './duties';
import { loadRules, todayOf } from './duties';
import { unsent, type NotificationDoc } from './jobs/outbox';

export interface ReliefDoc extends CadreOwned {
  kind: PairKind;
  /** The household helped (a person's name: the cadre and the organisation department read it). */
  household: string;
  /** 优抚: the department's named contact for the household (S8.2). */
  contact: string | null;
  plan: string;
  year: number;
  /** Festival visits: `2027:春节` → the day visited. */
  visits: Record<string, string>;
  active: boolean;
  version: number;
  createdAt: number;
  updatedAt: number;
  events: DutyEvent[];
}

/** The occasions a pair is visited at, from the festival rule of its kind in force that year. */
export function occasionsOf(rules: readonly DutyRule[], kind: PairKind, year: number) {
  const r = rules.find(
    (x) =>
      x.measure === 'festivalVisits' &&
      (x.pairKind ?? 'oneToOne') === kind &&
      x.fromYear <= year &&
      (x.toYear === null || x.toYear >= year),
  );
  return r?.occasions ?? [];
}

export const reliefView = (p: ReliefDoc, rules: readonly DutyRule[], year: number): ReliefView => ({
  id: p._id,
  version: p.version,
  kind: p.kind,
  kindLabel: PAIR_KINDS[p.kind],
  household: p.household,
  contact: p.contact,
  plan: p.plan,
  occasions: occasionsOf(rules, p.kind, year).map((o) => ({ key: o.key, visitedOn: p.visits[`${year}:${o.key}`] ?? null })),
});

/** The county's 春节 dates by year (settings `dutyCalendar`, seeded; an admin adds later years). */
export async function lunarNewYears(): Promise<LunarNewYears> {
  return (await getById<{ lunarNewYear?: LunarNewYears }>('settings', 'dutyCalendar'))?.lunarNewYear ?? {};
}

/**
 * The timer's festival reminders: for each occasion now within its reminder window and not yet
 * reminded (settings `dutyReminders`), one notice to the cadre of every active pair of its kind —
 * each notice's id made from the pair and the occasion, so a second run adds none.
 */
export async function remindFestivals({ now, until }: { now: number; until: number }): Promise<{ examined: number; done: number }> {
  if (Date.now() > until) return { examined: 0, done: 0 };
  const [rules, lunar, state] = await Promise.all([
    loadRules(),
    lunarNewYears(),
    getById<{ _id: string; done: string[] }>('settings', 'dutyReminders'),
  ]);
  const done = new Set(state?.done ?? []);
  const due = dueReminders(rules, todayOf(now), lunar).filter((d) => !done.has(d.key));
  let examined = 0;
  let told = 0;
  for (const d of due) {
    if (Date.now() > until) break;
    const pairs = await findAll<ReliefDoc>(
      'duty_reliefs',
      { kind: d.pairKind, active: true },
      { _id: true, cadreId: true, household: true },
    );
    examined += pairs.length;
    for (const p of pairs) {
      const n: NotificationDoc = {
        _id: requestId(p._id, `festival:${d.key}`),
        requestId: null,
        to: p.cadreId,
        template: 'deadline',
        page: 'packages/duty/reliefs/index',
        // deadline: [编号, 事项, 提醒, 期限] — the household masked, as on a lock screen
        values: [d.date, `${d.occasion}走访慰问${maskName(p.household)}`, '节前走访', countyDay(d.date)],
        ...unsent(now),
      };
      // Already there from an interrupted run: nothing more to do for this pair.
      if (
        await insert('notifications', n).then(
          () => true,
          () => false,
        )
      )
        told += 1;
    }
    done.add(d.key);
    await db
      .collection('settings')
      .doc('dutyReminders')
      .set({ data: { done: [...done].slice(-200), at: now } });
  }
  return { examined, done: told };
}

/** 09:00 in the county on a day: when the occasion's visit is due. */
const countyDay = (date: string): number => Date.parse(`${date}T09:00:00+08:00`);
