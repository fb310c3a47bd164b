/** Shared helpers for the emulator tests: temporary data dirs, an in-process emulator, the real SDK. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { type Emulator, startEmulator } from '../../emulator/index';
import { sdkEnv } from '../../emulator/client';

const FIXTURES = path.join(__dirname, 'fixtures');
export const TEST_SCHEMA = path.join(FIXTURES, 'schema.json');
const TEST_FUNCTIONS = path.join(FIXTURES, 'functions');
export const REPO = path.resolve(__dirname, '..', '..');

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lianxin-${prefix}-`));
}

export async function startTestEmulator(instancesPerFunction = 4): Promise<Emulator & { dataDir: string }> {
  const dataDir = tmpDir('emu');
  const emu = await startEmulator({
    port: 0,
    dataDir,
    schemaPath: TEST_SCHEMA,
    functionsDir: TEST_FUNCTIONS,
    instancesPerFunction,
    quiet: true,
  });
  return { ...emu, dataDir };
}

export type Cloud = typeof import('wx-server-sdk');

/** The real wx-server-sdk, in this process, pointed at the emulator at `url`. */
export function loadSdk(url: string): Cloud {
  Object.assign(process.env, sdkEnv(url));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after its environment variables are set
  const cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return cloud;
}

export interface SdkError {
  errCode: number;
  errMsg: string;
}

/** Runs `f` expecting a rejection; returns the SDK error. */
export async function sdkError(f: () => unknown): Promise<SdkError> {
  try {
    await f();
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the call to fail');
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  return (await res.json()) as T;
}

export async function post(url: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

export interface SdkEmulator {
  emu: Emulator & { dataDir: string };
  cloud: Cloud;
  db: ReturnType<Cloud['database']>;
}

/**
 * An emulator for this test file with the real SDK pointed at it, emptied before each test;
 * `ready` receives it once started (assign it to the file's variables).
 */
export function useSdkEmulator(ready: (e: SdkEmulator) => void): void {
  let emu: SdkEmulator['emu'] | undefined;
  beforeAll(async () => {
    emu = await startTestEmulator();
    const cloud = loadSdk(emu.url);
    ready({ emu, cloud, db: cloud.database() });
  });
  afterAll(async () => {
    await emu?.stop();
  });
  beforeEach(async () => {
    await post(`${emu!.url}/dev/reset`);
  });
}
