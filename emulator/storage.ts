/**
 * 云存储 for local development: photos uploaded from DevTools (`POST /storage/upload`, multipart
 * fields `file` and optional `cloudPath`) are kept under <dataDir>/storage and served back by
 * `GET /storage/<path>`. FileIDs look like the cloud's: cloud://<env>/<path>.
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

export const LOCAL_STORAGE_ENV = 'local-dev';
const MAX_BYTES = 10 * 1024 * 1024;
const SAFE_PATH = /^[A-Za-z0-9_\-./]{1,200}$/;

export class LocalStorage {
  constructor(private readonly dir: string) {}

  /** Saves a file and returns its fileID; null when the path or size is not acceptable. */
  save(content: Buffer, cloudPath?: string): string | null {
    const rel = cloudPath && SAFE_PATH.test(cloudPath) && !cloudPath.includes('..') ? cloudPath.replace(/^\/+/, '') : `uploads/${crypto.randomUUID()}`;
    if (content.length === 0 || content.length > MAX_BYTES) return null;
    const file = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return `cloud://${LOCAL_STORAGE_ENV}/${rel}`;
  }

  /** The bytes behind a storage path, or null. */
  read(rel: string): Buffer | null {
    if (!SAFE_PATH.test(rel) || rel.includes('..')) return null;
    const file = path.join(this.dir, rel);
    return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : null;
  }
}
