/**
 * The database half of CloudBase's `/admin` protocol, on top of Store. Query, update and aggregation
 * semantics come from mingo; candidate documents come from the store's indexes (see planner.ts).
 *
 * Wire facts (verified against @cloudbase/database 1.4.3 as used by wx-server-sdk 4.0.2):
 * - getDocument    {collectionName, queryType: 'WHERE'|'DOC', query?, order?, offset?, limit, projection?, transactionId?}
 *                  → {data: {list: [canonical EJSON strings]}}
 * - calculateDocument {collectionName, query?} → {data: {total}}
 * - insertDocument {collectionName, data: [EJSON strings], transactionId?} → {data: {insertedIds}}
 * - modifyDocument {collectionName, queryType, query, data, multi, merge, upsert, transactionId?}
 *                  merge=true: data is an update document ($set/$inc/$push/$unset…); merge=false: replacement
 *                  (doc().set, upsert=true) → {data: {updated, upsert_id}}
 * - removeDocument {collectionName, query, queryType, multi, transactionId?} → {data: {deleted}}
 * - aggregateDocuments {collectionName, stages: [{stageKey, stageValue: EJSON string}]} → {data: {list}}
 * - startTransaction → {transactionId}; commitTransaction / abortTransaction {transactionId}
 *   (the current SDK runs tx.collection(c).doc(id).get/update/set/remove and tx.collection(c).add
 *   as the ordinary actions above with a transactionId; the legacy getInTransaction /
 *   updateDocInTransaction / deleteDocInTransaction are also answered)
 * - errors: {code: 'DATABASE_…', message, requestId}, HTTP 200.
 *
 * Refused or bounded as in the cloud (MongoDB underneath): field names starting with `$` or holding a
 * `.` are not stored (insert, set, and the values an update writes); a transaction's write locks the
 * document until it commits or aborts: another transaction's write to it conflicts at once (the
 * transaction is aborted; wx-server-sdk hands that to the caller, it does not retry), a plain write
 * waits for the lock; a transaction conflicts when it writes a document changed since it started,
 * and never over what it only read. (Still apart: a transaction sees each document as of its first
 * read of it, the cloud as of the transaction's start.) Aggregation answers 20 results unless a $limit asks for more, at most
 * 10,000, and no result document may exceed 16 MB (a $lookup that joins too much fails).
 */
import crypto from 'crypto';
import { Aggregator, Query, update as mingoUpdate } from 'mingo';
import { type Doc, type Id, clone, decode, encodeDoc, encodeRecord, isPlainObject } from './ejson';
import { CloudError } from './errors';
import { type SortSpec, candidateIds, indexIds, orderedIds, plan } from './planner';
import { type Collection, type Store, type WriteOp } from './store';

export interface CollectionStats {
  queries: number;
  indexedQueries: number;
  fullScans: number;
  docsExamined: number;
  docsReturned: number;
  writes: number;
}

/** Per-request (or per-function-invocation) counters. */
export interface Meter {
  roundTrips: number;
  queries: number;
  docsExamined: number;
  docsReturned: number;
}

export const newMeter = (): Meter => ({ roundTrips: 0, queries: 0, docsExamined: 0, docsReturned: 0 });

export interface DbStats {
  roundTrips: number;
  actions: Record<string, number>;
  collections: Record<string, CollectionStats>;
  transactions: { started: number; committed: number; aborted: number; conflicts: number; waits: number };
}

interface Touched {
  c: string;
  id: Id;
  ver: number;
  doc: Doc | undefined;
  dirty: boolean;
}

interface Tx {
  id: string;
  touched: Map<string, Touched>;
  lastActive: number;
  /** the store's clock when it started: a document changed after it cannot be written by it */
  start: number;
  /** resolves when it commits, aborts or expires (plain writes waiting for its locks go on then) */
  ended: Promise<void>;
  end: () => void;
}

const TX_IDLE_MS = 60_000;
/** Aggregation results without a $limit, and the most a $limit may ask for (measured in 云开发). */
export const AGGREGATE_DEFAULT_LIMIT = 20;
export const AGGREGATE_MAX_LIMIT = 10_000;
/** MongoDB's BSON document limit, which every aggregation result document must respect. */
const MAX_DOC_BYTES = 16 * 1024 * 1024;

/** A plain write found a document locked by an open transaction: it runs again once that ends. */
class Locked {
  constructor(readonly until: Promise<void>) {}
}

const invalidField = (name: string, path: string): CloudError =>
  name.startsWith('$')
    ? new CloudError(
        'DATABASE_REQUEST_FAILED',
        `[FailedOperation] The dollar ($) prefixed field '${name}' in '${path}' is not valid for storage.`,
      )
    : new CloudError('DATABASE_REQUEST_FAILED', `[FailedOperation] The dotted field '${name}' in '${path}' is not valid for storage.`);

/** Refuses a stored value holding a field name that starts with `$` or contains `.` (at any depth). */
function checkStored(v: unknown, path: string): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => checkStored(x, `${path}.${i}`));
    return;
  }
  if (!isPlainObject(v)) return;
  for (const [k, x] of Object.entries(v)) {
    const at = path ? `${path}.${k}` : k;
    if (k.startsWith('$') || k.includes('.')) throw invalidField(k, at);
    checkStored(x, at);
  }
}

/** Modifiers an update operator's value may carry ($push: {f: {$each: […], $slice: n}}). */
const MODIFIERS = new Set(['$each', '$slice', '$sort', '$position']);

/**
 * An update document: its keys are operators, each over paths (dots separate levels there; a level
 * may be a positional `$`, `$[]` or `$[name]`); every value written is checked like a stored one.
 */
function checkUpdate(update: Doc): void {
  for (const [op, fields] of Object.entries(update)) {
    if (!isPlainObject(fields)) continue;
    for (const [fieldPath, value] of Object.entries(fields)) {
      for (const part of fieldPath.split('.')) {
        if (part.startsWith('$') && !/^\$(\[[A-Za-z0-9]*\])?$/.test(part)) throw invalidField(part, fieldPath);
      }
      if (op === '$unset' || op === '$rename') continue;
      if (isPlainObject(value) && Object.keys(value).some((k) => MODIFIERS.has(k))) {
        for (const [m, x] of Object.entries(value)) if (m === '$each') checkStored(x, fieldPath);
      } else checkStored(value, fieldPath);
    }
  }
}

function newId(): string {
  return crypto.randomBytes(16).toString('hex');
}

function hasOperators(data: Doc): boolean {
  return Object.keys(data).some((k) => k.startsWith('$'));
}

// ---------------------------------------------------------------- database

export class Database {
  readonly stats: DbStats = this.emptyStats();
  private readonly txs = new Map<string, Tx>();
  /** document (versionKey) → the open transaction that wrote it */
  private readonly locks = new Map<string, string>();

  constructor(
    readonly store: Store,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}

  private emptyStats(): DbStats {
    return { roundTrips: 0, actions: {}, collections: {}, transactions: { started: 0, committed: 0, aborted: 0, conflicts: 0, waits: 0 } };
  }

  resetStats(): void {
    Object.assign(this.stats, this.emptyStats());
  }

  private collStats(c: string): CollectionStats {
    return (this.stats.collections[c] ??= { queries: 0, indexedQueries: 0, fullScans: 0, docsExamined: 0, docsReturned: 0, writes: 0 });
  }

  /** Handles one `POST /admin` body whose action starts with `database.`; returns the JSON answer. */
  async handle(body: Doc, meter?: Meter): Promise<Doc> {
    const requestId = crypto.randomUUID();
    const action = String(body.action ?? '');
    this.stats.roundTrips++;
    this.stats.actions[action] = (this.stats.actions[action] ?? 0) + 1;
    if (meter) meter.roundTrips++;
    try {
      for (;;) {
        try {
          const out = this.dispatch(action, body, new Date(), meter);
          return { ...out, requestId };
        } catch (e) {
          if (!(e instanceof Locked)) throw e;
          this.stats.transactions.waits++;
          this.log(`${action} ${String(body.collectionName ?? '')} waits for a transaction's lock`);
          await e.until;
        }
      }
    } catch (e) {
      if (e instanceof CloudError) {
        this.log(`${action} ${String(body.collectionName ?? '')} → ${e.code}`);
        return { code: e.code, message: e.message, requestId };
      }
      const message = e instanceof Error ? e.message : String(e);
      this.log(`${action} ${String(body.collectionName ?? '')} → DATABASE_REQUEST_FAILED`);
      return { code: 'DATABASE_REQUEST_FAILED', message: `[FailedOperation] ${message}`, requestId };
    }
  }

  private dispatch(action: string, b: Doc, now: Date, meter?: Meter): Doc {
    const dataAction = !/Transaction$/.test(action);
    const tx = dataAction && typeof b.transactionId === 'string' && b.transactionId ? this.tx(b.transactionId) : undefined;
    if (tx && b.queryType === 'WHERE') {
      throw new CloudError(
        'DATABASE_REQUEST_FAILED',
        '[InvalidParameter] only single-document operations (doc().get/set/update/remove, collection.add) are allowed in a transaction',
      );
    }
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(b, now, tx, meter);
      case 'database.calculateDocument': {
        const coll = this.store.coll(b.collectionName);
        const matched = this.select(coll, decode(b.query, now), meter);
        return { data: { total: matched.length } };
      }
      case 'database.insertDocument':
        return this.insert(b, now, tx);
      case 'database.modifyDocument':
        return this.modify(b, now, tx, meter);
      case 'database.removeDocument':
        return this.remove(b, now, tx, meter);
      case 'database.aggregateDocuments':
        return this.aggregate(b, now, meter);
      case 'database.startTransaction':
        return { transactionId: this.startTx() };
      case 'database.commitTransaction':
        this.commitTx(String(b.transactionId ?? ''));
        return {};
      case 'database.abortTransaction': {
        const t = this.txs.get(String(b.transactionId ?? ''));
        if (t) this.endTx(t, 'aborted');
        return {};
      }
      // legacy transaction API (@cloudbase/database transaction.js)
      case 'database.getInTransaction': {
        const t = this.requireTx(b);
        const doc = this.txRead(t, this.store.coll(b.collectionName).name, b._id as Id);
        return { data: encodeDoc(doc ?? null) };
      }
      case 'database.updateDocInTransaction': {
        const t = this.requireTx(b);
        const c = this.store.coll(b.collectionName).name;
        const data = decode(b.data, now) as Doc;
        const cur = this.txRead(t, c, b._id as Id);
        if (b.upsert === true) {
          checkStored(stripId(data), '');
          this.txWrite(t, c, b._id as Id, { _id: b._id, ...stripId(data) });
          return { updated: cur ? '1' : '0', upserted: cur ? null : JSON.stringify([{ _id: b._id }]) };
        }
        if (!cur) return { updated: '0' };
        this.txWrite(t, c, b._id as Id, this.applyUpdate(cur, data));
        return { updated: '1' };
      }
      case 'database.deleteDocInTransaction': {
        const t = this.requireTx(b);
        const c = this.store.coll(b.collectionName).name;
        const cur = this.txRead(t, c, b._id as Id);
        if (cur) this.txWrite(t, c, b._id as Id, undefined);
        return { deleted: cur ? '1' : '0' };
      }
      default:
        throw new CloudError('INVALID_ACTION', `unsupported action ${action}`);
    }
  }

  // ------------------------------------------------------------ reads

  /**
   * Candidate selection + mingo match; counts documents examined. Returns matches in natural order,
   * except when `sort`/`need` are given and an index serves the sort: then the first `need` matches
   * in that order (the index scan stops there, as MongoDB's does under a limit).
   */
  private select(coll: Collection, query: unknown, meter?: Meter, sort?: SortSpec, need?: number): Doc[] {
    const p = plan(coll, query, sort, need);
    const q = new Query(isPlainObject(query) ? query : {});
    let examined = 0;
    const matched: Doc[] = [];
    if (p && p.kind === 'index' && need !== undefined && (p.ordered || !sort || sort.length === 0)) {
      // a limit: read in index order and stop at `need` matches (MongoDB does the same with or
      // without a sort; without one, the matches are handed back in natural order as before)
      for (const id of p.ordered ? orderedIds(p) : indexIds(p)) {
        if (matched.length >= need) break;
        const d = coll.get(id);
        if (!d) continue;
        examined++;
        if (q.test(d)) matched.push(d);
      }
      if (!p.ordered) matched.sort((a, b) => coll.seqOf(a._id as Id) - coll.seqOf(b._id as Id));
    } else if (p) {
      const ids = [...candidateIds(p)].sort((a, b) => coll.seqOf(a) - coll.seqOf(b));
      for (const id of ids) {
        const d = coll.get(id);
        if (!d) continue;
        examined++;
        if (q.test(d)) matched.push(d);
      }
    } else {
      for (const e of coll.entries.values()) {
        examined++;
        if (q.test(e.doc)) matched.push(e.doc);
      }
    }
    const s = this.collStats(coll.name);
    s.queries++;
    if (p) s.indexedQueries++;
    else s.fullScans++;
    s.docsExamined += examined;
    if (meter) {
      meter.queries++;
      meter.docsExamined += examined;
    }
    return matched;
  }

  private returned(c: string, n: number, meter?: Meter): void {
    this.collStats(c).docsReturned += n;
    if (meter) meter.docsReturned += n;
  }

  private getDocument(b: Doc, now: Date, tx: Tx | undefined, meter?: Meter): Doc {
    const coll = this.store.coll(b.collectionName);
    const projection = decode(b.projection, now) as Doc | undefined;
    if (tx) {
      const id = this.docId(b, now);
      const doc = this.txRead(tx, coll.name, id);
      const list = doc ? [project(doc, projection)] : [];
      this.returned(coll.name, list.length, meter);
      return { data: { list: list.map(encodeDoc) } };
    }
    const query = decode(b.query, now);
    const order = decode(b.order, now) as Record<string, 1 | -1> | undefined;
    const offset = typeof b.offset === 'number' ? b.offset : 0;
    const limit = typeof b.limit === 'number' ? Math.min(b.limit, 1000) : b.queryType === 'DOC' ? 1 : 100;
    const sort =
      order && Object.keys(order).length ? (Object.entries(order).map(([f, d]) => [f, d === -1 ? -1 : 1]) as SortSpec) : undefined;
    let docs = this.select(coll, query, meter, sort, offset + limit);
    let cursor = new Query({}).find<Doc>(docs, projection && Object.keys(projection).length ? projection : undefined);
    if (order && Object.keys(order).length) cursor = cursor.sort(order);
    if (offset) cursor = cursor.skip(offset);
    cursor = cursor.limit(limit);
    docs = cursor.all();
    this.returned(coll.name, docs.length, meter);
    this.log(`getDocument ${coll.name} → ${docs.length}`);
    return { data: { list: docs.map(encodeDoc), limit, offset } };
  }

  private aggregate(b: Doc, now: Date, meter?: Meter): Doc {
    const coll = this.store.coll(b.collectionName);
    const stages = Array.isArray(b.stages) ? (b.stages as { stageKey: string; stageValue: string }[]) : [];
    const pipeline = stages.map((s) => ({ [s.stageKey]: decode(s.stageValue, now) }));
    const first = pipeline[0];
    const candidates = first && '$match' in first ? this.select(coll, first.$match, meter) : this.select(coll, {}, meter);
    const resolver = (name: string): Doc[] => {
      const other = this.store.coll(name);
      const docs = [...other.entries.values()].map((e) => clone(e.doc));
      const s = this.collStats(name);
      s.queries++;
      s.fullScans++;
      s.docsExamined += docs.length;
      if (meter) meter.docsExamined += docs.length;
      return docs;
    };
    const asked = pipeline.find((st) => '$limit' in st)?.$limit;
    const limit = typeof asked === 'number' && asked > 0 ? Math.min(asked, AGGREGATE_MAX_LIMIT) : AGGREGATE_DEFAULT_LIMIT;
    // run up to each $lookup and check what it built: MongoDB refuses a document over 16 MB at the
    // stage that makes it, even when a later stage would shrink it again
    let docs = candidates.map((d) => clone(d));
    let from = 0;
    for (let i = 0; i < pipeline.length; i++) {
      if (!('$lookup' in pipeline[i]) && i < pipeline.length - 1) continue;
      docs = new Aggregator(pipeline.slice(from, i + 1), { collectionResolver: resolver }).run(docs) as Doc[];
      from = i + 1;
      for (const d of docs) {
        const bytes = Buffer.byteLength(encodeRecord(d));
        if (bytes > MAX_DOC_BYTES)
          throw new CloudError(
            'DATABASE_REQUEST_FAILED',
            `[FailedOperation] BSONObjectTooLarge: an aggregation document is ${bytes} bytes, over the 16 MB limit`,
          );
      }
    }
    const out = docs.slice(0, limit);
    this.returned(coll.name, out.length, meter);
    this.log(`aggregateDocuments ${coll.name} → ${out.length}`);
    return { data: { list: out.map(encodeDoc) } };
  }

  // ------------------------------------------------------------ writes

  private docId(b: Doc, now: Date): Id {
    const q = decode(b.query, now);
    const id = isPlainObject(q) ? q._id : undefined;
    if (typeof id !== 'string' && typeof id !== 'number') throw new CloudError('INVALID_PARAM', 'docId不能为空');
    return id;
  }

  private applyUpdate(current: Doc, data: Doc): Doc {
    const next = clone(current);
    const modifier = hasOperators(data) ? data : { $set: data };
    checkUpdate(modifier);
    mingoUpdate(next, modifier as Parameters<typeof mingoUpdate>[1]);
    next._id = current._id;
    return next;
  }

  private commit(ops: WriteOp[]): void {
    this.store.commit(ops);
    for (const op of ops) this.collStats(op.c).writes++;
  }

  private insert(b: Doc, now: Date, tx: Tx | undefined): Doc {
    const coll = this.store.coll(b.collectionName);
    const raw = Array.isArray(b.data) ? b.data : [b.data];
    const docs = raw.map((r) => {
      const d = decode(r, now);
      if (!isPlainObject(d)) throw new CloudError('INVALID_PARAM', 'document must be an object');
      checkStored(d, '');
      return d._id === undefined ? { _id: newId(), ...d } : d;
    });
    const ids = docs.map((d) => d._id as Id);
    const dupId = (id: Id): CloudError =>
      new CloudError(
        'DATABASE_REQUEST_FAILED',
        `[FailedOperation] E11000 duplicate key error collection: ${coll.name} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
      );
    if (new Set(ids).size !== ids.length) throw dupId(ids.find((id, i) => ids.indexOf(id) !== i) as Id);
    if (tx) {
      for (const d of docs) {
        if (this.txRead(tx, coll.name, d._id as Id)) throw dupId(d._id as Id);
        this.txWrite(tx, coll.name, d._id as Id, d);
      }
    } else {
      this.waitForLocks(coll.name, ids);
      for (const d of docs) if (coll.get(d._id as Id)) throw dupId(d._id as Id);
      this.commit(docs.map((doc) => ({ op: 'put' as const, c: coll.name, doc })));
    }
    this.log(`insertDocument ${coll.name} ×${docs.length}${tx ? ' (tx)' : ''}`);
    return { data: { insertedIds: ids } };
  }

  private modify(b: Doc, now: Date, tx: Tx | undefined, meter?: Meter): Doc {
    const coll = this.store.coll(b.collectionName);
    const data = decode(b.data, now);
    if (!isPlainObject(data)) throw new CloudError('INVALID_PARAM', '参数必需是非空对象');
    const merge = b.merge !== false;
    if (!merge) checkStored(stripId(data), '');
    if (tx) {
      const id = this.docId(b, now);
      const cur = this.txRead(tx, coll.name, id);
      if (!merge) {
        const next = { _id: id, ...stripId(data) };
        this.txWrite(tx, coll.name, id, next);
        return { data: cur ? { updated: 1 } : { updated: 0, upsert_id: id } };
      }
      if (!cur)
        throw new CloudError(
          'DATABASE_REQUEST_FAILED',
          `[FailedOperation] document not exist: ${coll.name}/${String(id)} (update in transaction)`,
        );
      this.txWrite(tx, coll.name, id, this.applyUpdate(cur, data));
      return { data: { updated: 1 } };
    }
    if (b.queryType === 'DOC' && !merge) {
      // doc().set(): replace or create
      const id = this.docId(b, now);
      this.waitForLocks(coll.name, [id]);
      const cur = coll.get(id);
      const next = { _id: id, ...stripId(data) };
      this.returned(coll.name, 0, meter);
      if (cur && encodeRecord(cur) === encodeRecord(next)) return { data: { updated: 0 } };
      this.commit([{ op: 'put', c: coll.name, doc: next }]);
      this.log(`modifyDocument(set) ${coll.name}`);
      return { data: cur ? { updated: 1 } : { updated: 0, upsert_id: id } };
    }
    const query = decode(b.query, now);
    let matched = this.select(coll, query, meter);
    if (b.multi === false) matched = matched.slice(0, 1);
    const upsertId = isPlainObject(query) && (typeof query._id === 'string' || typeof query._id === 'number') ? query._id : undefined;
    this.waitForLocks(coll.name, matched.length === 0 && upsertId !== undefined ? [upsertId] : matched.map((d) => d._id as Id));
    const ops: WriteOp[] = [];
    for (const cur of matched) {
      const next = merge ? this.applyUpdate(cur, data) : { _id: cur._id, ...stripId(data) };
      if (encodeRecord(cur) !== encodeRecord(next)) ops.push({ op: 'put', c: coll.name, doc: next });
    }
    if (ops.length === 0 && matched.length === 0 && b.upsert === true) {
      const id = upsertId ?? newId();
      const base: Doc = { _id: id };
      const doc = merge ? this.applyUpdate(base, data) : { ...base, ...stripId(data) };
      this.commit([{ op: 'put', c: coll.name, doc }]);
      return { data: { updated: 0, upsert_id: id } };
    }
    this.commit(ops);
    this.log(`modifyDocument ${coll.name} matched=${matched.length} updated=${ops.length}`);
    return { data: { updated: ops.length } };
  }

  private remove(b: Doc, now: Date, tx: Tx | undefined, meter?: Meter): Doc {
    const coll = this.store.coll(b.collectionName);
    if (tx) {
      const id = this.docId(b, now);
      const cur = this.txRead(tx, coll.name, id);
      if (cur) this.txWrite(tx, coll.name, id, undefined);
      return { data: { deleted: cur ? 1 : 0 } };
    }
    let matched = this.select(coll, decode(b.query, now), meter);
    if (b.multi === false) matched = matched.slice(0, 1);
    this.waitForLocks(
      coll.name,
      matched.map((d) => d._id as Id),
    );
    this.commit(matched.map((d) => ({ op: 'del' as const, c: coll.name, id: d._id as Id })));
    this.log(`removeDocument ${coll.name} ×${matched.length}`);
    return { data: { deleted: matched.length } };
  }

  // ------------------------------------------------------------ transactions

  private startTx(): string {
    this.expireIdle();
    const id = newId();
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.txs.set(id, { id, touched: new Map(), lastActive: Date.now(), start: this.store.clock, ended, end });
    this.stats.transactions.started++;
    return id;
  }

  /** Ends transactions idle past TX_IDLE_MS (the cloud times them out), releasing their locks. */
  private expireIdle(): void {
    const now = Date.now();
    for (const t of this.txs.values()) if (now - t.lastActive > TX_IDLE_MS) this.endTx(t, 'aborted');
  }

  /** Drops a transaction and its locks; plain writes waiting for it go on. */
  private endTx(t: Tx, how: 'committed' | 'aborted' | 'conflicts'): void {
    if (!this.txs.delete(t.id)) return;
    for (const [key, owner] of this.locks) if (owner === t.id) this.locks.delete(key);
    this.stats.transactions[how]++;
    t.end();
  }

  private tx(id: string): Tx {
    const t = this.txs.get(id);
    if (!t)
      throw new CloudError(
        'DATABASE_REQUEST_FAILED',
        `[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, it may have been committed, aborted or timed out: ${id}`,
      );
    t.lastActive = Date.now();
    return t;
  }

  private requireTx(b: Doc): Tx {
    return this.tx(String(b.transactionId ?? ''));
  }

  /**
   * Before a plain write: when an open transaction holds one of the documents, the write waits for it
   * to end (or to time out) and then runs again from the start (its query is evaluated afresh).
   */
  private waitForLocks(c: string, ids: Id[]): void {
    for (const id of ids) {
      const owner = this.locks.get(this.store.versionKey(c, id));
      const t = owner === undefined ? undefined : this.txs.get(owner);
      if (!t) continue;
      const idleLeft = TX_IDLE_MS - (Date.now() - t.lastActive);
      const timer = setTimeout(() => this.expireIdle(), Math.max(idleLeft, 0) + 5);
      timer.unref();
      throw new Locked(t.ended.finally(() => clearTimeout(timer)));
    }
  }

  private txRead(tx: Tx, c: string, id: Id): Doc | undefined {
    const key = this.store.versionKey(c, id);
    let t = tx.touched.get(key);
    if (!t) {
      t = { c, id, ver: this.store.version(c, id), doc: this.store.coll(c).get(id), dirty: false };
      tx.touched.set(key, t);
    }
    return t.doc;
  }

  /**
   * A write in a transaction locks the document. Another transaction's lock on it, or a change to it
   * since this transaction started, is a write conflict: this transaction is aborted and the SDK's
   * runTransaction starts the callback again.
   */
  private txWrite(tx: Tx, c: string, id: Id, doc: Doc | undefined): void {
    const key = this.store.versionKey(c, id);
    const owner = this.locks.get(key);
    if ((owner !== undefined && owner !== tx.id) || this.store.version(c, id) > tx.start) {
      this.endTx(tx, 'conflicts');
      this.log(`transaction write → conflict on ${c}`);
      throw new CloudError(
        'DATABASE_TRANSACTION_CONFLICT',
        '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
      );
    }
    this.locks.set(key, tx.id);
    this.txRead(tx, c, id);
    const t = tx.touched.get(key) as Touched;
    t.doc = doc;
    t.dirty = true;
  }

  private commitTx(id: string): void {
    const tx = this.tx(id);
    const ops: WriteOp[] = [];
    for (const t of tx.touched.values()) {
      if (!t.dirty) continue;
      if (t.doc) ops.push({ op: 'put', c: t.c, doc: t.doc });
      else if (this.store.coll(t.c).get(t.id)) ops.push({ op: 'del', c: t.c, id: t.id });
    }
    // written documents were locked, so nothing has changed them: only a unique index can refuse
    try {
      this.commit(ops);
    } catch (e) {
      this.endTx(tx, 'aborted');
      throw e;
    }
    this.endTx(tx, 'committed');
    this.log(`commitTransaction ${ops.length} writes`);
  }

  /** Aborts every open transaction (used by a data reset). */
  abortAll(): void {
    for (const t of [...this.txs.values()]) this.endTx(t, 'aborted');
  }
}

function stripId(d: Doc): Doc {
  const { _id: _ignored, ...rest } = d;
  void _ignored;
  return rest;
}

function project(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  return new Query({}).find<Doc>([doc], projection).all()[0] ?? doc;
}
