/**
 * `node .build/emulator/cli.js` — starts the emulator. PORT (default 9777), DATA_DIR (default
 * <repo>/.data), HOST (default 127.0.0.1), QUIET=1 to silence request logs; for tests also
 * SCHEMA_PATH, FUNCTIONS_DIR and INSTANCES_PER_FUNCTION.
 * Prints `emulator listening on <url>` once ready; stops cleanly on SIGINT/SIGTERM.
 */
import path from 'path';
import { repoRoot, startEmulator } from './index';

export async function main(): Promise<void> {
  const root = repoRoot();
  const emulator = await startEmulator({
    port: process.env.PORT ? Number(process.env.PORT) : 9777,
    host: process.env.HOST || '127.0.0.1',
    dataDir: process.env.DATA_DIR || path.join(root, '.data'),
    quiet: process.env.QUIET === '1',
    schemaPath: process.env.SCHEMA_PATH || undefined,
    functionsDir: process.env.FUNCTIONS_DIR || undefined,
    instancesPerFunction: process.env.INSTANCES_PER_FUNCTION ? Number(process.env.INSTANCES_PER_FUNCTION) : undefined,
  });
  process.stdout.write(`emulator listening on ${emulator.url}\n`);
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`emulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
