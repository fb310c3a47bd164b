/**
 * The local CloudBase emulator: one HTTP server that the real wx-server-sdk talks to (`POST /admin`),
 * a function host (`POST /functions/<name>`), and development endpoints (`/dev/*`, `/health`).
 *
 * Endpoints and their answers: http.ts.
 */
import crypto from 'crypto';
import fs from 'fs';
import http from 'http';
import path from 'path';
import { type AddressInfo } from 'net';
import { Database } from './db';
import { FunctionHost } from './functions';
import { router } from './http';
import { OpenApi } from './openapi';
import { Store, loadSchema } from './store';
import { LocalStorage } from './storage';

export interface EmulatorOptions {
  /** 0 = a random free port (default 0). */
  port?: number;
  host?: string;
  dataDir: string;
  /** default: <repo>/database/schema.json */
  schemaPath?: string;
  /** default: <repo>/cloudfunctions (each function at <dir>/<name>/index.js) */
  functionsDir?: string;
  /** default: <repo>/.build/emulator/worker.js (made by npm run build) */
  workerScript?: string;
  /** default 4 */
  instancesPerFunction?: number;
  /** default: <repo>/emulator/sensitive-words.json */
  sensitiveWordsPath?: string;
  /** WX_APPID given to functions; default wx_local_dev */
  appid?: string;
  /**
   * LIANXIN_BALLOT_SECRET given to functions (server/ballot.ts); default: the same variable of this
   * process, else one made for the data directory and kept beside it in <dataDir>/ballot-secret —
   * outside the database, as a county's is kept in its functions' configuration.
   */
  ballotSecret?: string;
  quiet?: boolean;
}

/** The data directory's ballot secret: made once, random, kept in a file of its own (not a collection). */
function localBallotSecret(dataDir: string): string {
  const file = path.join(dataDir, 'ballot-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export interface Emulator {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The repository root: the nearest ancestor holding database/schema.json. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'database', 'schema.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const root = repoRoot();
  const quiet = options.quiet ?? false;
  const log = quiet ? () => undefined : (msg: string) => process.stdout.write(`[emulator] ${msg}\n`);
  const schema = loadSchema(options.schemaPath ?? path.join(root, 'database', 'schema.json'));
  const store = new Store(schema, path.resolve(options.dataDir));
  const files = new LocalStorage(path.join(path.resolve(options.dataDir), 'storage'));
  const db = new Database(store, log);
  const openapi = new OpenApi(options.sensitiveWordsPath ?? path.join(root, 'emulator', 'sensitive-words.json'), log);
  let baseUrl = '';
  const host = new FunctionHost({
    functionsDir: path.resolve(options.functionsDir ?? path.join(root, 'cloudfunctions')),
    workerScript: path.resolve(options.workerScript ?? path.join(root, '.build', 'emulator', 'worker.js')),
    baseUrl: () => baseUrl,
    maxInstances: options.instancesPerFunction ?? 4,
    appid: options.appid ?? 'wx_local_dev',
    ballotSecret: options.ballotSecret || process.env.LIANXIN_BALLOT_SECRET || localBallotSecret(path.resolve(options.dataDir)),
    quiet,
    log,
  });

  const server = http.createServer(router({ db, store, files, openapi, host, log }));
  server.keepAliveTimeout = 30_000;
  const listenHost = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, listenHost, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = listenHost === '0.0.0.0' || listenHost === '::' ? '127.0.0.1' : listenHost;
  baseUrl = `http://${shownHost}:${port}`;
  log(`listening on ${baseUrl} (data: ${path.resolve(options.dataDir)}, ${store.docCount()} documents)`);

  let stopping: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    stop: () =>
      (stopping ??= (async () => {
        await host.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        store.close();
      })()),
  };
}
