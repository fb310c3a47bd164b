import type { CadreLevel, Me, Role } from '../typings';
import { getById } from './db';

/** A user document: _id is the caller's openid. Absent for residents who never bound an invite. */
export interface UserDoc {
  _id: string;
  roles: Role[];
  unitId: string | null;
  unitName: string | null;
  name: string | null;
  level: CadreLevel | null;
  createdAt: number;
  updatedAt: number;
}

export interface Caller extends Me {
  openid: string;
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
  };
}

export const meOf = (c: Caller): Me => ({ roles: c.roles, unitId: c.unitId, unitName: c.unitName, name: c.name, level: c.level });
