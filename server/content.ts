/**
 * Every piece of user text passes WeChat's content check (security.msgSecCheck v2) before it is
 * stored. v2 answers errcode 0 even for risky text, so the verdict is result.suggest.
 */
import { cloud } from './cloud';
import { AppError } from './errors';

interface SecCheckResult {
  errCode?: number;
  errcode?: number;
  result?: { suggest?: string; label?: number };
}

export async function checkText(openid: string, ...texts: (string | null | undefined)[]): Promise<void> {
  const content = texts.filter((t): t is string => typeof t === 'string' && t.trim() !== '').join('\n');
  if (!content) return;
  const res = (await cloud.openapi.security.msgSecCheck({ openid, scene: 2, version: 2, content })) as SecCheckResult;
  const code = res.errCode ?? res.errcode ?? 0;
  if (code !== 0) throw new Error(`msgSecCheck errcode ${code}`);
  if (res.result?.suggest === 'risky') throw new AppError('CONTENT_REJECTED');
}
