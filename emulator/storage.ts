/**
 * 云存储 for local development: photos uploaded from DevTools (`POST /storage/upload`, multipart
 * fields `file` and optional `cloudPath`) are kept under <dataDir>/storage and served back by
 * `GET /storage/<path>`. FileIDs look like the cloud's: cloud://<env>/<path>. The functions reach
 * them as in the cloud: wx-server-sdk's getTempFileURL and downloadFile send
 * `storage.batchGetDownloadUrl` to `POST /admin` and get URLs of `GET /storage/<path>`.
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

const LOCAL_STORAGE_ENV = 'local-dev';
const MAX_BYTES = 10 * 1024 * 1024;
const SAFE_PATH = /^[A-Za-z0-9_\-./]{1,200}$/;

export class LocalStorage {
  constructor(private readonly dir: string) {}

  /** Saves a file and returns its fileID; null when the path or size is not acceptable. */
  save(content: Buffer, cloudPath?: string): string | null {
    const rel =
      cloudPath && SAFE_PATH.test(cloudPath) && !cloudPath.includes('..')
        ? cloudPath.replace(/^\/+/, '')
        : `uploads/${crypto.randomUUID()}`;
    if (content.length === 0 || content.length > MAX_BYTES) return null;
    const file = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return `cloud://${LOCAL_STORAGE_ENV}/${rel}`;
  }

  /** The storage path of a fileID of any environment (cloud://<env>/<path>), or null. */
  static pathOf(fileID: string): string | null {
    const rel = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)?.[1];
    return rel && SAFE_PATH.test(rel) && !rel.includes('..') ? rel : null;
  }

  /**
   * A storage action of the CloudBase wire protocol (`POST /admin`), answered as the SDK parses it.
   * `baseUrl` is where this emulator is reached, for the temporary URLs.
   */
  handle(body: Record<string, unknown>, baseUrl: string): unknown {
    if (body.action !== 'storage.batchGetDownloadUrl')
      return { code: 'INVALID_ACTION', message: `action ${String(body.action)} is not emulated`, requestId: 'local' };
    const list = Array.isArray(body.file_list) ? (body.file_list as { fileid?: unknown; max_age?: unknown }[]) : [];
    const downloadList = list.map((f) => {
      const fileID = String(f.fileid ?? '');
      const rel = LocalStorage.pathOf(fileID);
      const maxAge = typeof f.max_age === 'number' ? f.max_age : 86400;
      if (rel === null || this.read(rel) === null) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge };
      return { fileID, tempFileURL: `${baseUrl}/storage/${rel}`, code: 'SUCCESS', maxAge };
    });
    return { data: { download_list: downloadList }, requestId: 'local' };
  }

  /** The bytes behind a storage path, or null. */
  read(rel: string): Buffer | null {
    if (!SAFE_PATH.test(rel) || rel.includes('..')) return null;
    const file = path.join(this.dir, rel);
    return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : null;
  }
}
