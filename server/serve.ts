/**
 * The entry of every cloud function: identity from getWXContext() only, the caller's roles,
 * input validated against the action's schema, role checked, one envelope back.
 */
import type { z } from 'zod';
import { ERROR_MESSAGES } from '../miniprogram/shared/errors';
import type { ActionName, ActionReq, ActionRes, Envelope, FunctionName, Role } from '../typings';
import { cloud } from './cloud';
import { AppError, isTransactionConflict } from './errors';
import { logCall } from './log';
import { takeAllowance, type LimitKind } from './limits';
import { loadCaller, type Caller } from './caller';
import type { Directory } from './directory';
import { loadDirectory } from './directoryCache';

/** What every handler is given: who calls, the county's directory (rules, places, units, calendar), the time. */
export interface Ctx {
  caller: Caller;
  dir: Directory;
  now: number;
}

interface Handler<I, O> {
  input: z.ZodType<I>;
  /** Who may call it; every signed-in caller is at least a resident. */
  roles: readonly Role[];
  /** Per-caller limit (limits.ts): every action that takes typed text has one. */
  limit?: LimitKind;
  /** Over the limit: the answer when the call is a retry of one already made (a lost reply), else null. */
  retried?(ctx: Ctx, input: I): Promise<O | null>;
  run(ctx: Ctx, input: I): Promise<O>;
}

export type Actions<F extends FunctionName> = {
  [A in ActionName<F>]: Handler<ActionReq<F, A>, ActionRes<F, A>>;
};

/** Keys the platform adds to every event: not part of any action's input. */
const PLATFORM_KEYS = new Set(['action', 'userInfo']);

function fail(code: AppError['code'], message?: string): Envelope<never> {
  return { ok: false, error: { code, message: message ?? ERROR_MESSAGES[code] } };
}

export function serve<F extends FunctionName>(fn: F, actions: Actions<F>) {
  const table = actions as unknown as Record<string, Handler<unknown, unknown>>;
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    const started = Date.now();
    const ev = (event && typeof event === 'object' && !Array.isArray(event) ? event : {}) as Record<string, unknown>;
    const actionName = typeof ev.action === 'string' ? ev.action : '';
    const handler = Object.prototype.hasOwnProperty.call(table, actionName) ? table[actionName] : undefined;
    const finish = (res: Envelope<unknown>): Envelope<unknown> => {
      logCall({ fn, action: handler ? actionName : '(unknown)', code: res.ok ? 'OK' : res.error.code, ms: Date.now() - started });
      return res;
    };
    if (!handler) return finish(fail('INVALID_INPUT', '不支持的操作'));

    const openid = cloud.getWXContext().OPENID;
    if (!openid) return finish(fail('UNAUTHENTICATED'));

    // Own properties only: `input[k] = v` with k = "__proto__" would set the prototype instead,
    // hiding an extra field from the strict schema and letting its fields be read through it.
    const input: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(ev)) {
      if (!PLATFORM_KEYS.has(k)) Object.defineProperty(input, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    let parsed: ReturnType<typeof handler.input.safeParse>;
    try {
      parsed = handler.input.safeParse(input);
    } catch {
      // A schema's own check failing on odd input is still bad input, never a crash.
      return finish(fail('INVALID_INPUT'));
    }
    if (!parsed.success) return finish(fail('INVALID_INPUT', describeIssue(parsed.error)));

    try {
      // The directory is read with the caller (cached per instance) and handed to the handler.
      const [caller, dir] = await Promise.all([loadCaller(openid), loadDirectory()]);
      if (!handler.roles.some((r) => caller.roles.includes(r))) return finish(fail('FORBIDDEN'));
      const ctx: Ctx = { caller, dir, now: Date.now() };
      let giveBack: (() => Promise<void>) | null = null;
      if (handler.limit) {
        try {
          giveBack = await takeAllowance(handler.limit, caller.openid, ctx.now, dir.limits);
        } catch (e) {
          const again = e instanceof AppError && handler.retried ? await handler.retried(ctx, parsed.data) : null;
          if (again === null) throw e;
          return finish({ ok: true, data: again });
        }
      }
      try {
        return finish({ ok: true, data: await handler.run(ctx, parsed.data) });
      } catch (e) {
        await giveBack?.(); // a refused call counts nothing, and leaves nothing behind
        throw e;
      }
    } catch (e) {
      if (e instanceof AppError) return finish(fail(e.code, e.message));
      if (isTransactionConflict(e)) return finish(fail('CONFLICT'));
      // Only the error's kind and code: its message may quote a document.
      const code = (e as { errCode?: unknown }).errCode;
      logCall({
        fn,
        action: actionName,
        code: 'INTERNAL',
        ms: Date.now() - started,
        detail: `${(e as Error)?.name ?? 'Error'} ${String(code ?? '')}`,
      });
      return fail('INTERNAL');
    }
  };
}

/** A plain Chinese sentence naming the first field that is wrong. */
function describeIssue(err: z.ZodError): string {
  const issue = err.issues[0];
  if (!issue) return ERROR_MESSAGES.INVALID_INPUT;
  const field = issue.path.map(String).join('.');
  const custom = issue.message && /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : null;
  if (custom) return custom;
  if (issue.code === 'unrecognized_keys') return `包含不支持的字段：${issue.keys.join('、')}`;
  if (issue.code === 'too_big') return `“${fieldLabel(field)}”太长了，请精简后再提交`;
  if (issue.code === 'too_small') return `请填写“${fieldLabel(field)}”`;
  return `“${fieldLabel(field)}”填写有误`;
}

const FIELD_LABELS: Record<string, string> = {
  content: '诉求内容',
  category: '诉求类型',
  clientId: '提交编号',
  scene: '连心卡',
  regionId: '所在村（社区）',
  contactName: '联系人',
  contactPhone: '联系电话',
  photos: '照片',
  id: '诉求编号',
  version: '版本',
  reply: '答复内容',
  reason: '原因',
  unitId: '单位',
  score: '评价',
  comment: '评价意见',
  code: '邀请码',
  name: '姓名',
  cursor: '翻页位置',
  box: '列表',
  level: '干部层级',
  note: '备注',
  urgency: '紧急程度',
  confidential: '是否保密',
  mayContact: '是否同意联系',
  aboutUnit: '投诉对象',
  method: '送达方式',
  deliveredAt: '送达日期',
  label: '时限说明',
  route: '登记转送时限',
  accept: '签收时限',
  finish: '办结时限',
  finishFrom: '办结时限起算',
  object: '退单时限',
  extension: '延期上限',
  followUp: '差评回访时限',
  review: '复查复核时限',
  remindAt: '提醒时点',
  noticeAfter: '通报天数',
  month: '月份',
  receivedAt: '收信（来访）日期',
  intoId: '要合并到的诉求',
  days: '延期天数',
  approve: '审批结果',
  opinion: '复查复核意见',
  source: '来信或来访',
  date: '日期',
  work: '是否上班',
  satisfied: '回访结果',
  accepted: '订阅的消息',
  // 党代表 (S9)
  opinionId: '意见',
  proposalId: '建议',
  activityId: '活动',
  showIdentity: '是否公开身份',
  visitId: '走访记录',
  place: '走访地点',
  people: '走访人数',
  topic: '活动主题',
  kind: '类型',
  title: '标题',
  handler: '承办人',
  lead: '牵头责任人',
  opinionIds: '群众意见',
  unitIds: '承办单位',
  present: '到场代表',
  year: '年份',
  // 党员志愿服务 (S6)
  pairId: '结对群众',
  phone: '联系电话',
  address: '住址',
  consent: '群众同意方式',
  outcome: '调解结果',
  // 干部履职 (S1–S3, S5)
  start: '开始日期',
  end: '结束日期',
  pointId: '联系点',
  purpose: '事由',
  met: '见了谁',
  households: '走访户数',
  retinue: '随行人数',
  requests: '群众诉求',
  summary: '报告摘要',
  talkWith: '谈话对象',
  form: '谈话形式',
  notes: '谈话记录',
  cadreKey: '干部',
  slot: '联系点类别',
  ruleId: '履职要求',
  threshold: '要求数值',
  fromYear: '生效年份',
  teamId: '服务队',
  skill: '服务领域',
  organizer: '组织单位',
  leaderScene: '队长',
  capacity: '人数',
  postId: '岗位',
  slots: '人数',
  duty: '岗位职责',
  reliefId: '帮扶对子',
  household: '帮扶户',
  contact: '联系人',
  plan: '帮扶计划',
  occasion: '节日',
  // 下基层锻炼 (S3)
  postingId: '锻炼安排',
  birthYear: '出生年份',
  grassroots: '基层工作经历',
  result: '考核结果',
};

function fieldLabel(field: string): string {
  const head = field.split('.')[0] ?? '';
  return FIELD_LABELS[head] ?? (field || '提交内容');
}
