import { cloud } from '../../server/cloud';
import { logCall } from '../../server/log';
import { runTimer } from '../../server/timer';

/** Runs on its timer trigger only: a call from the mini-program (it carries an OPENID) is refused. */
export async function main(): Promise<unknown> {
  const started = Date.now();
  if (cloud.getWXContext().OPENID) return { ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行这项操作' } };
  const result = await runTimer(Date.now());
  logCall({ fn: 'timer', action: 'run', code: 'OK', ms: Date.now() - started, detail: JSON.stringify(result) });
  return { ok: true, data: result };
}
