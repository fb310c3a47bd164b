/** 阅批 (S4.1): the leaders a registered letter may be sent to, named by a key rather than their openid. */
import { COUNTY_SCOPE } from '../miniprogram/shared/meet';
import type { Directory } from './directory';
import { AppError } from './errors';
import { leaderKey, leadersOf } from './meet';

export interface LeaderPick {
  id: string;
  key: string;
  name: string;
  /** 县领导, or the leader's unit. */
  title: string;
  unitId: string | null;
}

/** The county's leaders (`scope` county) or a unit's leader-level cadres, as the 信访局 chooses among them. */
export async function leaderChoices(dir: Directory, scope: string): Promise<LeaderPick[]> {
  const unit = scope === COUNTY_SCOPE ? null : dir.units.get(scope);
  if (unit === undefined) throw new AppError('INVALID_INPUT', '所选单位不存在');
  return (await leadersOf(scope)).map((p) => ({
    id: p._id,
    key: leaderKey(p._id),
    name: p.name ?? '领导',
    title: unit?.name ?? '县领导',
    unitId: unit?._id ?? null,
  }));
}

export async function chosenLeader(dir: Directory, scope: string, key: string): Promise<LeaderPick> {
  const found = (await leaderChoices(dir, scope)).find((l) => l.key === key);
  if (!found) throw new AppError('INVALID_INPUT', '所选领导不存在，请重新选择');
  return found;
}
