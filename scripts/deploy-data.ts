/**
 * The documents part of a deploy, through wx-server-sdk (the same SDK the functions use; from a
 * developer's machine it signs with the deploy's credentials): which seed documents are there, is
 * there an admin or a waiting setup code, write missing seeds, make a setup code. Only adds.
 */
import type { CloudState, SeedDecl } from './deploy-plan';
import { SETUP_CODE_DAYS } from './deploy-plan';
import { newSetupCode, setupCodeId } from '../server/setup-code';

type Db = ReturnType<(typeof import('wx-server-sdk'))['database']>;
type Got = { data: Record<string, unknown>[] };

const isMissingCollection = (e: unknown): boolean => (e as { errCode?: number } | null)?.errCode === -502005;

export async function readData(db: Db, seeds: SeedDecl[], now: number): Promise<Pick<CloudState, 'seeded' | 'admins' | 'setupPending'>> {
  const _ = db.command;
  const seeded: CloudState['seeded'] = {};
  for (const seed of seeds) {
    const ids = seed.docs.map((d) => d._id);
    try {
      const got = (await db
        .collection(seed.collection)
        .where({ _id: _.in(ids) })
        .field({ _id: true })
        .limit(ids.length)
        .get()) as unknown as Got;
      seeded[seed.collection] = got.data.map((d) => String(d._id));
    } catch (e) {
      if (!isMissingCollection(e)) throw e;
      seeded[seed.collection] = []; // the collection is created by the same deploy
    }
  }
  const count = async (collection: string, where: Record<string, unknown>): Promise<number> => {
    try {
      return ((await db.collection(collection).where(where).count()) as unknown as { total: number }).total;
    } catch (e) {
      if (isMissingCollection(e)) return 0;
      throw e;
    }
  };
  const admins = await count('users', { roles: 'admin' });
  const setupPending = (await count('setup_codes', { usedBy: null, expiresAt: _.gt(now) })) > 0;
  return { seeded, admins, setupPending };
}

/** Adds the seed documents; one that appeared meanwhile is left as it is (never overwritten). */
export async function writeSeeds(db: Db, collection: string, docs: SeedDecl['docs']): Promise<void> {
  for (const { _id, ...data } of docs) {
    await (db.collection(collection).add({ data: { _id, ...data } }) as Promise<unknown>).catch(async (e: unknown) => {
      const there = (await db.collection(collection).where({ _id }).count()) as unknown as { total: number };
      if (there.total === 0) throw e;
    });
  }
}

/** Stores a new one-time code's hash and returns the code (shown once, never stored). */
export async function makeSetupCode(db: Db, now: number): Promise<{ code: string; expiresAt: number }> {
  const code = newSetupCode();
  const expiresAt = now + SETUP_CODE_DAYS * 86_400_000;
  await db.collection('setup_codes').add({ data: { _id: setupCodeId(code), createdAt: now, expiresAt, usedBy: null, usedAt: null } });
  return { code, expiresAt };
}
