/**
 * `npm start`: the local cloud with the demo county. Starts the emulator, seeds the county the
 * first time (the data directory keeps it), and prints how to use it.
 */
import path from 'path';
import { repoRoot, startEmulator } from '../emulator';
import { demoUsers, dutyLeaders } from './demo-county';
import { seedCounty } from './seed';

async function main(): Promise<void> {
  const root = repoRoot();
  const dataDir = process.env.DATA_DIR || path.join(root, '.data');
  const emulator = await startEmulator({
    port: process.env.PORT ? Number(process.env.PORT) : 9777,
    host: process.env.HOST || '127.0.0.1',
    dataDir,
    quiet: process.env.QUIET !== '0',
  });
  const fresh = await seedCounty(emulator.url, { requests: true });
  const lines = [
    '',
    `连心 本地云已启动：${emulator.url}`,
    `  数据目录 ${path.relative(root, dataDir) || dataDir}${fresh ? '（首次启动，已写入演示县数据）' : '（沿用已有数据；删除该目录可重置）'}`,
    '',
    '演示身份（请求头 x-lianxin-openid）：',
    ...[...demoUsers, ...dutyLeaders].map((u) => `  ${u.openid.padEnd(22)} ${u.label}`),
    '  干部邀请码 DEMO2626（石门镇人民政府，未使用）',
    '',
    '看完整流程（另开一个终端）：  npm run story',
    `直接调用云函数：  curl -s -X POST ${emulator.url}/functions/request -H 'content-type: application/json' \\`,
    `                   -H 'x-lianxin-openid: demo-resident-1' -d '{"action":"mine"}'`,
    `微信开发者工具：导入仓库根目录（miniprogram/config.ts 的 LOCAL_CLOUD_URL 应为 ${emulator.url}），`,
    '  勾选“不校验合法域名”，在“我的”页选择演示身份。',
    '按 Ctrl+C 停止。',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`本地云启动失败：${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
