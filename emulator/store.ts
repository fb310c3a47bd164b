/**
 * Durable in-memory document store: declared collections, real secondary indexes, and an append-only
 * journal (one JSON line per committed write or transaction, fsync'd before the write is acknowledged).
 *
 * Index notes (differences from MongoDB are deliberate and small):
 * - Every index keeps the full key tuple of each document in index order (keyindex.ts), so the
 *   planner (planner.ts) can use a compound index's equality prefix, a range on the next key, and the
 *   index order for a sort, like MongoDB.
 * - Unique indexes key a missing or null field as null (MongoDB's rule; 云开发 offers no sparse or
 *   partial index): only one document may lack a unique field.
 *   The `_id` is always unique.
 */
import fs from 'fs';
import path from 'path';
import { type Doc, type Id, decode, encodeRecord } from './ejson';
import { collectionNotExist } from './errors';
import { Index, type IndexSpec } from './keyindex';

export type { IndexSpec } from './keyindex';

export interface Schema {
  collections: Record<string, { indexes: IndexSpec[] }>;
}

export function loadSchema(file: string): Schema {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections?: Record<string, { indexes?: IndexSpec[] }> };
  const collections: Schema['collections'] = {};
  for (const [name, def] of Object.entries(raw.collections ?? {})) collections[name] = { indexes: def.indexes ?? [] };
  return { collections };
}

interface Entry {
  doc: Doc;
  seq: number;
}

export class Collection {
  readonly entries = new Map<Id, Entry>();
  indexes: Index[];
  private readonly specs: IndexSpec[];

  constructor(
    readonly name: string,
    specs: IndexSpec[],
  ) {
    this.specs = specs.filter((s) => Object.keys(s.keys).length > 0);
    this.indexes = this.specs.map((s) => new Index(name, s));
  }

  get(id: Id): Doc | undefined {
    return this.entries.get(id)?.doc;
  }

  seqOf(id: Id): number {
    return this.entries.get(id)?.seq ?? Number.MAX_SAFE_INTEGER;
  }

  indexOn(field: string): Index | undefined {
    return this.indexes.find((ix) => ix.first === field);
  }

  /** Insert or replace; checks unique indexes first, so a failed put changes nothing. */
  put(doc: Doc, seq: number, checkUnique = true): void {
    const id = doc._id as Id;
    if (checkUnique) for (const ix of this.indexes) ix.check(doc);
    const old = this.entries.get(id);
    for (const ix of this.indexes) ix.update(id, old?.doc, doc);
    this.entries.set(id, { doc, seq: old ? old.seq : seq });
  }

  restore(id: Id, entry: Entry | undefined): void {
    const cur = this.entries.get(id);
    for (const ix of this.indexes) ix.update(id, cur?.doc, entry?.doc);
    this.entries.delete(id);
    if (entry) this.entries.set(id, entry);
  }

  entry(id: Id): Entry | undefined {
    return this.entries.get(id);
  }

  del(id: Id): boolean {
    const old = this.entries.get(id);
    if (!old) return false;
    for (const ix of this.indexes) ix.update(id, old.doc, undefined);
    this.entries.delete(id);
    return true;
  }

  clear(): void {
    this.indexes = this.specs.map((s) => new Index(this.name, s));
    this.entries.clear();
  }
}

// ---------------------------------------------------------------- journal

export type WriteOp = { op: 'put'; c: string; doc: Doc } | { op: 'del'; c: string; id: Id };

const JOURNAL = 'journal.jsonl';

class Journal {
  private fd: number;
  readonly file: string;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, JOURNAL);
    this.fd = fs.openSync(this.file, 'a+');
  }

  /** Reads every complete record; a torn last line (crash mid-write) is cut off the file. */
  replay(): WriteOp[][] {
    const buf = fs.readFileSync(this.file);
    const records: WriteOp[][] = [];
    let start = 0;
    let good = 0;
    while (start < buf.length) {
      const nl = buf.indexOf(10, start);
      if (nl === -1) break; // unterminated last line: torn
      const line = buf.subarray(start, nl).toString('utf8');
      start = nl + 1;
      if (line.trim() === '') {
        good = start;
        continue;
      }
      let rec: { ops?: WriteOp[] };
      try {
        rec = decode(line, new Date(0)) as { ops?: WriteOp[] };
      } catch (e) {
        if (start >= buf.length) break; // torn last line
        throw new Error(`journal ${this.file} is corrupt at byte ${good}: ${(e as Error).message}`);
      }
      records.push(rec.ops ?? []);
      good = start;
    }
    if (good < buf.length) {
      fs.ftruncateSync(this.fd, good);
      fs.fsyncSync(this.fd);
    }
    return records;
  }

  append(ops: WriteOp[]): void {
    const line = encodeRecord({ ops }) + '\n';
    fs.writeSync(this.fd, line);
    fs.fdatasyncSync(this.fd);
  }

  /** Rewrites the journal as one record per collection chunk holding the current documents. */
  compact(snapshot: WriteOp[]): void {
    const tmp = this.file + '.tmp';
    const fd = fs.openSync(tmp, 'w');
    const CHUNK = 500;
    for (let i = 0; i < snapshot.length; i += CHUNK) fs.writeSync(fd, encodeRecord({ ops: snapshot.slice(i, i + CHUNK) }) + '\n');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.file);
    syncDir(this.dir);
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a+');
  }

  truncate(): void {
    fs.ftruncateSync(this.fd, 0);
    fs.fsyncSync(this.fd);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    /* not supported on every platform */
  }
}

// ---------------------------------------------------------------- store

export class Store {
  readonly collections = new Map<string, Collection>();
  private readonly versions = new Map<string, number>();
  private versionCounter = 0;
  private seqCounter = 0;
  private readonly journal: Journal;

  constructor(
    readonly schema: Schema,
    dataDir: string,
  ) {
    for (const [name, def] of Object.entries(schema.collections)) this.collections.set(name, new Collection(name, def.indexes));
    this.journal = new Journal(dataDir);
    const records = this.journal.replay();
    let opCount = 0;
    for (const ops of records) {
      for (const op of ops) {
        opCount++;
        const coll = this.collections.get(op.c);
        if (!coll) continue; // a collection removed from the schema: its data is dropped on compaction
        if (op.op === 'put') coll.put(op.doc, ++this.seqCounter, false);
        else coll.del(op.id);
      }
    }
    const docs = this.docCount();
    if (records.length > 0 && opCount > docs * 2 + 1000) this.compact();
  }

  docCount(): number {
    let n = 0;
    for (const c of this.collections.values()) n += c.entries.size;
    return n;
  }

  compact(): void {
    const snapshot: WriteOp[] = [];
    for (const c of this.collections.values())
      for (const e of [...c.entries.values()].sort((a, b) => a.seq - b.seq)) snapshot.push({ op: 'put', c: c.name, doc: e.doc });
    this.journal.compact(snapshot);
  }

  coll(name: unknown): Collection {
    const c = typeof name === 'string' ? this.collections.get(name) : undefined;
    if (!c) throw collectionNotExist(String(name));
    return c;
  }

  versionKey(c: string, id: Id): string {
    return `${c}\u0000${typeof id}\u0000${String(id)}`;
  }

  /** The version the next write will exceed: a document with a higher version changed after now. */
  get clock(): number {
    return this.versionCounter;
  }

  version(c: string, id: Id): number {
    return this.versions.get(this.versionKey(c, id)) ?? 0;
  }

  /**
   * Applies the writes all-or-nothing: every op is applied in order (unique indexes checked as it
   * goes), then the record is appended to the journal and fsync'd. Any failure undoes everything.
   */
  commit(ops: WriteOp[]): void {
    if (ops.length === 0) return;
    const undo: { coll: Collection; id: Id; entry: ReturnType<Collection['entry']> }[] = [];
    try {
      for (const op of ops) {
        const coll = this.coll(op.c);
        const id = op.op === 'put' ? (op.doc._id as Id) : op.id;
        undo.push({ coll, id, entry: coll.entry(id) });
        if (op.op === 'put') coll.put(op.doc, ++this.seqCounter);
        else coll.del(op.id);
      }
      this.journal.append(ops);
    } catch (e) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i].coll.restore(undo[i].id, undo[i].entry);
      throw e;
    }
    for (const op of ops) {
      const id = op.op === 'put' ? (op.doc._id as Id) : op.id;
      this.versions.set(this.versionKey(op.c, id), ++this.versionCounter);
    }
  }

  /** Drops all data (development reset). */
  reset(): void {
    this.journal.truncate();
    for (const c of this.collections.values()) c.clear();
    // versions keep increasing so an open transaction that read old data still conflicts
    for (const k of this.versions.keys()) this.versions.set(k, ++this.versionCounter);
  }

  close(): void {
    this.journal.close();
  }
}
