import type { CadreLevel, Me, Role } from '../typings';
import { getById } from './db';
import { photoFolder } from './photos';

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
  /** Subscription messages granted and not yet used, by template id. */
  grants?: Record<string, number>;
  createdAt: number;
  updatedAt: number;
}

export interface Caller extends Omit<Me, 'templates' | 'photoFolder'> {
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
    head: user?.head === true,
  };
}

export const meOf = (c: Caller, templates: Me['templates']): Me => ({
  roles: c.roles,
  unitId: c.unitId,
  unitName: c.unitName,
  name: c.name,
  level: c.level,
  head: c.head,
  templates,
  photoFolder: photoFolder(c.openid),
});
