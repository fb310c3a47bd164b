import type { CadreLevel, Me, Role } from '../typings';
import { getById } from './db';
import { photoFolder } from './photos';
import type { Grant } from './subscriptions';

/** A user document: _id is the caller's openid. Absent for residents who never bound an invite. */
export interface UserDoc {
  _id: string;
  roles: Role[];
  unitId: string | null;
  unitName: string | null;
  name: string | null;
  level: CadreLevel | null;
  /** Head of the unit (approves extensions, receives 督办). */
  head?: boolean;
  /** Before issue 19: one-time subscription messages granted and not yet used, by template id. */
  grants?: Record<string, number>;
  /** What the user said of each template (answer, kind, one-time messages left), by template id. */
  subs?: Record<string, Grant>;
  /** wx.getSetting says notices are switched off altogether (设置 → 通知管理 → 接收通知). */
  pushOff?: boolean;
  /** A cadre's file (干部档案) for a grassroots posting (S3.1): birth year, and whether they have worked at the grassroots. */
  birthYear?: number | null;
  grassroots?: boolean | null;
  createdAt: number;
  updatedAt: number;
}

export interface Caller extends Omit<Me, 'subscribe' | 'photoFolder'> {
  openid: string;
  /** The grants as read with the caller (what the next subscription panel asks for). */
  subs: Pick<UserDoc, 'subs' | 'grants'>;
}

export async function loadCaller(openid: string): Promise<Caller> {
  const user = await getById<UserDoc>('users', openid);
  const roles: Role[] = ['resident', ...(user?.roles ?? []).filter((r) => r !== 'resident')];
  return {
    openid,
    roles,
    unitId: user?.unitId ?? null,
    unitName: user?.unitName ?? null,
    name: user?.name ?? null,
    level: user?.level ?? null,
    head: user?.head === true,
    subs: { subs: user?.subs ?? {}, grants: user?.grants ?? {} },
  };
}

export const meOf = (c: Caller, subscribe: Me['subscribe']): Me => ({
  roles: c.roles,
  unitId: c.unitId,
  unitName: c.unitName,
  name: c.name,
  level: c.level,
  head: c.head,
  subscribe,
  photoFolder: photoFolder(c.openid),
});
