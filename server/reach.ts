/**
 * Nobody is silently unreachable (issue 19): the cadres who receive no staff notice by push now —
 * notices switched off, refused, or never allowed (or the one-time grants used up) — for the
 * 督办台 (the whole county) and a unit head (their own unit), so someone can ask them to allow it.
 * Computed from the grants and the county's templates as they are now, never from a stale flag.
 */
import type { Page, UnreachableCadre } from '../typings';
import type { Caller, UserDoc } from './caller';
import { _, afterId, findMany, idCursor, type Where } from './db';
import type { Directory } from './directory';
import { AppError } from './errors';
import { unreachable } from './subscriptions';

const PAGE = 20;
/** Cadres read per round trip, by _id from the roles (county) or unitId (unit) index. */
const BATCH = 100;
/** Round trips one page may take looking for PAGE unreachable cadres among reachable ones. */
const MAX_BATCHES = 3;

export async function unreachableCadres(caller: Caller, dir: Directory, cursor: string | undefined): Promise<Page<UnreachableCadre>> {
  const admin = caller.roles.includes('admin');
  if (!admin && !(caller.head && caller.unitId)) throw new AppError('FORBIDDEN', '只有单位负责人和调度中心可以查看');
  const scope: Record<string, unknown> = admin ? { roles: 'cadre' } : { unitId: caller.unitId };
  let after = afterId(cursor);
  const items: UnreachableCadre[] = [];
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const where: Where = after === null ? scope : { ...scope, _id: _.gt(after) };
    const users = await findMany<UserDoc>('users', where, {
      orderBy: [['_id', 'asc']],
      limit: BATCH,
      fields: { roles: true, name: true, unitName: true, level: true, subs: true, grants: true, pushOff: true },
    });
    for (const u of users) {
      after = u._id;
      if (!u.roles.includes('cadre')) continue;
      const why = unreachable(u, dir, 'deadline');
      if (why) items.push({ name: u.name, unitName: u.unitName, level: u.level, why });
      if (items.length === PAGE) return { items, cursor: idCursor(u._id) };
    }
    if (users.length < BATCH) return { items, cursor: null };
  }
  return { items, cursor: after === null ? null : idCursor(after) };
}
