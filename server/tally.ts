/**
 * A record inserted together with the counts kept on its owners (a representative's year, a
 * member's pairs and duties), in one transaction: a retry of the same id finds the record and counts
 * nothing twice, and a refused count (a limit reached) writes nothing at all.
 */
import type { Collection, TxLike } from './db';
import { db } from './db';
import { AppError, isTransactionConflict } from './errors';

export interface Counted<O> {
  coll: Collection;
  id: string;
  /** The owner's update for this record, or a refusal (nothing is written). */
  bump(owner: O): Record<string, unknown> | AppError;
  /**
   * The owner may not exist yet (a cadre's first record makes their tally): bump then receives null
   * and what it answers is the new owner, set in the same transaction.
   */
  create?: boolean;
}

export async function insertCounted<T extends { _id: string }>(
  coll: Collection,
  doc: T,
  // Owners of different kinds in one list (a method's parameter is bivariant): each bump reads its own owner's shape.
  owners: readonly Counted<unknown>[],
): Promise<T> {
  const outcome = await withRetries(() =>
    db.runTransaction(async (tx: TxLike) => {
      const existing = (
        await tx
          .collection(coll)
          .doc(doc._id)
          .get()
          .catch(() => ({ data: null }))
      ).data as T | null;
      if (existing) return { ...existing, _id: doc._id };
      const updates: { data: Record<string, unknown>; made: boolean }[] = [];
      for (const o of owners) {
        const read = tx.collection(o.coll).doc(o.id).get();
        const owner: unknown = (await (o.create ? read.catch(() => ({ data: null })) : read)).data ?? null;
        const up = o.bump(owner);
        // Returned, not thrown: the transaction ends with nothing written.
        if (up instanceof AppError) return up;
        updates.push({ data: up, made: owner === null });
      }
      const { _id, ...data } = doc;
      await tx.collection(coll).doc(_id).set({ data });
      for (const [i, o] of owners.entries()) {
        const u = updates[i]!;
        if (u.made) await tx.collection(o.coll).doc(o.id).set({ data: u.data });
        else await tx.collection(o.coll).doc(o.id).update({ data: u.data });
      }
      return doc;
    }),
  );
  if (outcome instanceof AppError) throw outcome;
  return outcome as T;
}

/**
 * Runs a transaction again when another one took the same records first (the cloud aborts it,
 * wx-server-sdk does not retry): people checking in at one venue at once are each counted, the
 * count read afresh each time; after a few tries the caller hears CONFLICT.
 */
async function withRetries<T>(run: () => Promise<T>, tries = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (e) {
      if (!isTransactionConflict(e) || attempt >= tries) throw e;
    }
  }
}
