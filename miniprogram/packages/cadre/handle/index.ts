/**
 * 办理诉求 (cadre; the dispatcher too): the step expected next first (签收, 答复…, with its deadline),
 * then the request as the unit sees it (the petitioner masked or
 * 保密 by the server), its deadlines, extension, pause and chase, and every action the server
 * lists in `can`: 签收 / 答复 / 退单 / 转办, and 不予受理, 并单, 回访, 延期, 暂停/恢复计时, 复查复核意见;
 * 查看联系方式 for the handling unit when the petitioner agreed to be contacted. The rest are grouped
 * under 其他办理; 退单 and 不予受理, which cannot be undone, stand apart. 阅批 (S4.1): the dispatcher
 * sends a registered letter to a county leader (呈送领导阅批), who opens it here and writes the 批示.
 */
import type { IAppOption, RequestDetail, Versioned } from '../../../../typings/index';
import { EXTENSION_DAYS, TEXT, textProblem, type TextLimit } from '../../../shared/limits';
import { answerReview } from '../../../services/admin';
import { deliverAnswer, fetchClaimNotice, fetchLeaders, revealPetitioner, sendToLeader } from '../../../services/admin';
import { DELIVERY_METHODS, type DeliveryMethod } from '../../../shared/domain';
import { fetchUnits } from '../../../services/county';
import {
  acceptRequest,
  askExtension,
  decideExtension,
  coReplyRequest,
  fetchDuplicates,
  instructRequest,
  mergeRequest,
  pauseRequest,
  rejectRequest,
  replyRequest,
  resumeRequest,
  returnRequest,
  revisitRequest,
  transferRequest,
  unmaskPetitioner,
} from '../../../services/request';
import { confirmAction, errorMessage, showError, toast } from '../../../utils/feedback';
import { formatDateTime } from '../../../utils/format';
import { loadDetail, runAction } from '../../../utils/requestPage';
import { statusLabel } from '../../../utils/status';
import { askSubscriptions } from '../../../utils/subscribe';
import { chosenUnit, clearUnit, unitPicker } from '../../../utils/unitPicker';
import { openPage, callPhone, replacePage } from '../../../utils/navigate';

type Panel =
  | ''
  | 'reply'
  | 'return'
  | 'transfer'
  | 'reject'
  | 'merge'
  | 'revisit'
  | 'extendAsk'
  | 'extendDecide'
  | 'pause'
  | 'reviewAnswer'
  | 'deliver'
  | 'instruct'
  | 'toLeader'
  | 'coReply'
  | 'reveal';

/** The one step the unit is expected to take next, first on the page (the rest are grouped below it). */
interface NextAction {
  action: '' | 'instruct' | 'coReply' | 'accept' | 'extendDecide' | 'resume' | 'reply' | 'reviewAnswer' | 'deliver' | 'dispatch';
  id: string;
  label: string;
  /** By when, in the county's words. */
  due: string;
}

const NEXT: { action: Exclude<NextAction['action'], ''>; id: string; label: string; due(d: RequestDetail): string }[] = [
  { action: 'instruct', id: 'instruct', label: '写批示', due: (d) => (d.leader?.important ? '重要来信，请阅批' : '请阅批这件来信') },
  {
    action: 'coReply',
    id: 'co-reply',
    label: '提交协办意见',
    due: (d) => `联合办理：${d.unitName ?? ''}牵头，请在${formatDateTime(d.answerDueAt)}前提交本单位的协办意见`,
  },
  { action: 'accept', id: 'accept', label: '签收', due: (d) => `请在${formatDateTime(d.acceptDueAt)}前签收` },
  { action: 'extendDecide', id: 'extend-decide', label: '审批延期', due: (d) => `延期申请待审批：${d.extension?.reason ?? ''}` },
  { action: 'resume', id: 'resume', label: '恢复计时', due: () => '计时已暂停：材料补齐后请恢复计时' },
  { action: 'reply', id: 'reply', label: '答复', due: (d) => `请在${formatDateTime(d.answerDueAt)}前答复` },
  {
    action: 'reviewAnswer',
    id: 'review-answer',
    label: '复查复核意见',
    due: (d) => (d.review ? `请在${formatDateTime(d.review.dueAt)}前作出意见` : ''),
  },
  { action: 'deliver', id: 'deliver', label: '书面答复送达', due: () => '信访人未在小程序认领：书面送达后在此记录' },
  { action: 'dispatch', id: 'go-queue', label: '去派单台派单', due: (d) => `请在${formatDateTime(d.dueAt)}前派单` },
];

function nextAction(d: RequestDetail): NextAction {
  const n = NEXT.find((x) => d.can.includes(x.action));
  return n ? { action: n.action, id: n.id, label: n.label, due: n.due(d) } : { action: '', id: '', label: '', due: '' };
}

/** The moment an answer delivered on that day (YYYY-MM-DD, county time) counts from: now for today. */
function deliveredAtOf(day: string, now = Date.now()): number {
  const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  return day === today ? now : Date.parse(`${day}T12:00:00+08:00`);
}

interface DuplicateRow {
  id: string;
  no: string;
  title: string;
  label: string;
}

/** The page as a panel sees it: what the user chose and typed. */
interface Choices {
  unitId: string;
  unitName: string;
  into: DuplicateRow | undefined;
  satisfied: string;
  approve: string;
  days: number;
  /** 书面答复送达: how, and on which day (YYYY-MM-DD). */
  method: DeliveryMethod | '';
  deliverDay: string;
  /** 呈送领导阅批: the leader chosen (by key) and whether it is a 重要来信. */
  leader: { key: string; name: string } | undefined;
  important: string;
}

/**
 * One action panel: the text it requires (and its limits) or an optional note, what else must be
 * chosen first, the question asked before sending, the call, and what to say when done. One
 * submit handler (onSubmit) runs them all in that order.
 */
interface PanelSpec {
  text?: TextLimit;
  note?: TextLimit;
  missing?(c: Choices): string | null;
  confirm?(c: Choices): { title: string; message: string; button: string };
  run(v: Versioned, c: Choices, text: string, note: string | undefined): Promise<RequestDetail>;
  done(c: Choices): string;
  /** After it the request is no longer the unit's: back to the inbox. */
  leave?: boolean;
}

/** 调阅联系方式 answers with the contact, not the request: its own handler (onReveal). */
const PANELS: Record<Exclude<Panel, '' | 'reveal'>, PanelSpec> = {
  coReply: {
    text: TEXT.coReply,
    confirm: () => ({ title: '确认提交协办意见', message: '协办意见提交给牵头单位，由牵头单位统一答复群众。确定提交吗？', button: '提交' }),
    run: (v, _c, text) => coReplyRequest(v, text),
    done: () => '协办意见已提交牵头单位',
  },
  instruct: {
    text: TEXT.instruction,
    confirm: () => ({ title: '确认批示', message: '批示后办理单位将看到并按批示办理，批示不能修改。确定提交吗？', button: '提交批示' }),
    run: (v, _c, text) => instructRequest(v, text),
    done: () => '已批示，办理单位将按批示办理',
  },
  toLeader: {
    missing: (c) => (!c.leader ? '请选择阅批的领导' : c.important ? null : '请选择是否为重要来信'),
    note: TEXT.leaderNote,
    confirm: (c) => ({ title: '呈送领导阅批', message: `确定把这件来信呈送${c.leader!.name}阅批吗？`, button: '呈送' }),
    run: (v, c, _text, note) => sendToLeader(v, 'county', c.leader!.key, c.important === 'yes', note),
    done: (c) => `已呈送${c.leader!.name}阅批`,
  },
  reply: {
    text: TEXT.reply,
    confirm: () => ({ title: '确认答复', message: '答复后群众将收到办理结果，确定提交吗？', button: '提交答复' }),
    run: (v, _c, text) => replyRequest(v, text),
    done: () => '已答复',
  },
  return: {
    text: TEXT.returnReason,
    confirm: () => ({ title: '确认退单', message: '退单后这条诉求将回到调度中心重新派单，确定退单吗？', button: '确认退单' }),
    run: (v, _c, text) => returnRequest(v, text),
    done: () => '已退回调度中心',
    leave: true,
  },
  transfer: {
    missing: (c) => (c.unitId ? null : '请选择转办单位'),
    text: TEXT.transferReason,
    confirm: (c) => ({ title: '确认转办', message: `确定把这条诉求转给${c.unitName}吗？`, button: '确认转办' }),
    run: (v, c, text) => transferRequest(v, c.unitId, text),
    done: (c) => `已转至${c.unitName}`,
    leave: true,
  },
  reject: {
    text: TEXT.rejectReason,
    confirm: () => ({ title: '确认不予受理', message: '理由将告知群众，这条诉求将不再办理。确定不予受理吗？', button: '不予受理' }),
    run: (v, _c, text) => rejectRequest(v, text),
    done: () => '已不予受理',
  },
  merge: {
    missing: (c) => (c.into ? null : '请选择要合并到的诉求'),
    note: TEXT.mergeNote,
    confirm: (c) => ({
      title: '确认并单',
      message: `确定把这条诉求并入 ${c.into!.no} 吗？并单后不再单独办理，反映人将看到合并后的诉求。`,
      button: '确认并单',
    }),
    run: (v, c, _text, note) => mergeRequest(v, c.into!.id, note),
    done: (c) => `已并入 ${c.into!.no}`,
  },
  revisit: {
    missing: (c) => (c.satisfied ? null : '请选择群众是否满意'),
    text: TEXT.revisitNote,
    run: (v, c, text) => revisitRequest(v, text, c.satisfied === 'yes'),
    done: () => '回访已记录',
  },
  extendAsk: {
    missing: (c) => (Number.isInteger(c.days) && c.days >= 1 ? null : '请填写延期天数'),
    text: TEXT.extendReason,
    confirm: (c) => ({
      title: '确认申请延期',
      message: `申请延期${c.days}日，提交后由单位负责人审批。每件诉求只能申请一次，确定提交吗？`,
      button: '提交申请',
    }),
    run: (v, c, text) => askExtension(v, c.days, text),
    done: () => '延期申请已提交，等待审批',
  },
  extendDecide: {
    missing: (c) => (c.approve ? null : '请选择同意或不同意'),
    note: TEXT.extendNote,
    confirm: (c) =>
      c.approve === 'yes'
        ? { title: '同意延期', message: '同意后答复时限将顺延，确定同意吗？', button: '确定' }
        : { title: '不同意延期', message: '确定不同意这次延期申请吗？', button: '确定' },
    run: (v, c, _text, note) => decideExtension(v, c.approve === 'yes', note),
    done: (c) => (c.approve === 'yes' ? '已同意延期' : '已不同意延期'),
  },
  pause: {
    text: TEXT.pauseReason,
    confirm: () => ({ title: '确认暂停计时', message: '暂停期间不计算办理时限，恢复后时限顺延。确定暂停吗？', button: '暂停计时' }),
    run: (v, _c, text) => pauseRequest(v, text),
    done: () => '已暂停计时',
  },
  reviewAnswer: {
    text: TEXT.reviewOpinion,
    confirm: () => ({ title: '确认提交意见', message: '意见将告知信访人，确定提交吗？', button: '提交意见' }),
    run: (v, _c, text) => answerReview(v, text),
    done: () => '意见已提交',
  },
  deliver: {
    missing: (c) => (c.method ? null : '请选择送达方式'),
    confirm: (c) => ({
      title: '确认已送达',
      message: `答复已于${c.deliverDay}${c.method}送达信访人？确认后这件信访事项办结。`,
      button: '确认送达',
    }),
    run: (v, c) => deliverAnswer(v, c.method as DeliveryMethod, deliveredAtOf(c.deliverDay)),
    done: () => '已记录送达，事项办结',
  },
};

/** The open panel's one text field as the page renders it: its hint and maximum, from the limits. */
function fieldOf(panel: Panel): { hint: string; max: number } {
  if (panel === 'reveal')
    return { hint: `请写明${TEXT.revealReason.label}（至少${TEXT.revealReason.min}个字）`, max: TEXT.revealReason.max };
  const spec = panel ? PANELS[panel] : undefined;
  if (spec?.text) return { hint: `请写明${spec.text.label}${spec.text.min > 1 ? `（至少${spec.text.min}个字）` : ''}`, max: spec.text.max };
  if (spec?.note) return { hint: `${spec.note.label}（可不填）`, max: spec.note.max };
  return { hint: '', max: 0 };
}

/** 转办 goes to another unit: every unit but mine. */
async function otherUnits() {
  const mine = getApp<IAppOption>().globalData.me?.unitId ?? null;
  return (await fetchUnits()).filter((u) => u.id !== mine);
}

Page({
  data: {
    loading: true,
    error: '',
    view: {},
    can: {},
    panel: '' as Panel,
    field: fieldOf(''),
    /** The reply box: several lines high from the start (an answer runs to 2,000 characters). */
    replyBox: { minHeight: 240 },
    next: { action: '', id: '', label: '', due: '' } as NextAction,
    more: false,
    maxDays: EXTENSION_DAYS.max,
    busy: false,
    // 并单
    duplicates: [] as DuplicateRow[],
    dupLoading: false,
    dupError: '',
    intoId: '',
    // 回访 / 审批延期
    satisfied: '',
    approve: '',
    days: 1,
    // 查看联系方式
    canUnmask: false,
    contact: null as { name: string; phone: string } | null,
    // The dispatcher: 受理告知 of a registered item, 书面答复送达, 调阅联系方式 with a reason
    isAdmin: false,
    notice: null as { image: string; notice: string; code: string } | null,
    methods: DELIVERY_METHODS,
    method: '' as DeliveryMethod | '',
    deliverDay: '',
    today: '',
    partsWaiting: '',
    // 呈送领导阅批 (dispatcher): the county's leaders to choose from
    leaders: [] as { key: string; name: string; title: string }[],
    leadersError: '',
    leaderKey: '',
    important: '',
  },
  requestId: '',
  detail: null as RequestDetail | null,
  text: '',
  note: '',
  behaviors: [unitPicker],
  /** 转办 offers every unit but mine. */
  loadUnits: otherUnits,
  async onLoad(options: Record<string, string | undefined>) {
    this.requestId = options.id ?? '';
    // Who I am decides 查看联系方式 and the subscription templates; a failure only hides those.
    await getApp<IAppOption>()
      .loadMe()
      .catch(() => undefined);
    await loadDetail(this);
  },
  onPullDownRefresh() {
    void loadDetail(this).then(() => wx.stopPullDownRefresh());
  },
  extraData(d: RequestDetail): Record<string, unknown> {
    const isAdmin = getApp<IAppOption>().globalData.me?.roles.includes('admin') ?? false;
    const next = nextAction(d);
    const can = new Set(d.can);
    // An admin can always 调阅联系方式; a cadre has more when the server lists anything besides the next step.
    const more =
      isAdmin ||
      d.canUnmask ||
      (
        [
          'reply',
          'transfer',
          'extendDecide',
          'extendAsk',
          'pause',
          'revisit',
          'merge',
          'resume',
          'reviewAnswer',
          'deliver',
          'toLeader',
        ] as const
      ).some((a) => can.has(a) && a !== next.action);
    // 联合办理: the lead unit answers once every co-handling unit's part is in; until then it is told whose is missing.
    const owed = d.coUnits.filter((c) => c.answeredAt === null).map((c) => c.unitName);
    const partsWaiting =
      owed.length && (d.status === 'accepted' || d.status === 'reopened') && !can.has('coReply')
        ? `联合办理：等待${owed.join('、')}提交协办意见，意见齐了再统一答复`
        : '';
    return { canUnmask: d.canUnmask, isAdmin, next, more, partsWaiting };
  },
  onPanel(e: WechatMiniprogram.BaseEvent<Record<string, never>, { panel: Panel }>) {
    this.text = '';
    this.note = '';
    clearUnit(this);
    const panel = e.currentTarget.dataset.panel;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    this.setData({
      panel,
      field: fieldOf(panel),
      intoId: '',
      satisfied: '',
      approve: '',
      days: 1,
      method: '',
      deliverDay: today,
      today,
      leaderKey: '',
      important: '',
    });
    if (panel === 'merge') void this.loadDuplicates();
    if (panel === 'toLeader') void this.loadLeaders();
  },
  onClosePanel() {
    this.setData({ panel: '' });
  },
  onText(e: { detail: string }) {
    this.text = e.detail;
  },
  onNote(e: { detail: string }) {
    this.note = e.detail;
  },
  async onAccept() {
    // From the tap itself: the 签收 reminder subscriptions; never holds up the 签收.
    void askSubscriptions();
    await runAction(this, acceptRequest, '已签收，请在答复时限内办理');
  },
  /** The one submit of every panel (PANELS): text and choices checked, asked, sent, told. */
  async onSubmit() {
    const panel = this.data.panel;
    if (!panel || panel === 'reveal') return;
    const spec = PANELS[panel];
    const c: Choices = {
      unitId: chosenUnit(this)?.id ?? '',
      unitName: chosenUnit(this)?.name ?? '',
      into: this.data.duplicates.find((r) => r.id === this.data.intoId),
      satisfied: this.data.satisfied,
      approve: this.data.approve,
      days: this.data.days,
      method: this.data.method,
      deliverDay: this.data.deliverDay,
      leader: this.data.leaders.find((l) => l.key === this.data.leaderKey),
      important: this.data.important,
    };
    const text = this.text.trim();
    const note = this.note.trim();
    const problem =
      spec.missing?.(c) ?? (spec.text ? textProblem(spec.text, text) : null) ?? (spec.note && note ? textProblem(spec.note, note) : null);
    if (problem) return toast(this, problem);
    const ask = spec.confirm?.(c);
    if (ask && !(await confirmAction(this, ask.title, ask.message, ask.button))) return;
    if ((await runAction(this, (v) => spec.run(v, c, text, note || undefined), spec.done(c))) && spec.leave) this.leave();
  },

  // ---------------------------------------------------------------- the panels' own choices
  /** 并单: the likely duplicates to merge into. */
  async loadDuplicates() {
    this.setData({ dupLoading: true, dupError: '', duplicates: [] });
    try {
      const found = await fetchDuplicates(this.requestId);
      const duplicates = found.map((s) => ({
        id: s.id,
        no: s.no,
        title: s.title,
        label: `${statusLabel(s.status)} · ${formatDateTime(s.createdAt)}`,
      }));
      this.setData({ dupLoading: false, duplicates });
    } catch (e) {
      this.setData({ dupLoading: false, dupError: errorMessage(e) });
    }
  },
  onPickDuplicate(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    this.setData({ intoId: e.currentTarget.dataset.id });
  },
  /** 呈送领导阅批: the county's leaders. */
  async loadLeaders() {
    this.setData({ leadersError: '', leaders: [] });
    try {
      this.setData({ leaders: await fetchLeaders('county') });
    } catch (e) {
      this.setData({ leadersError: errorMessage(e) });
    }
  },
  onPickLeader(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key: string }>) {
    this.setData({ leaderKey: e.currentTarget.dataset.key });
  },
  onImportant(e: { detail: string }) {
    this.setData({ important: e.detail });
  },
  onSatisfied(e: { detail: string }) {
    this.setData({ satisfied: e.detail });
  },
  onDays(e: { detail: number | string }) {
    this.setData({ days: Number(e.detail) || 1 });
  },
  onApprove(e: { detail: string }) {
    this.setData({ approve: e.detail });
  },

  // ---------------------------------------------------------------- 恢复计时
  async onResume() {
    if (!(await confirmAction(this, '恢复计时', '确定恢复计时吗？答复时限将按暂停的时间顺延。', '恢复计时'))) return;
    await runAction(this, resumeRequest, '已恢复计时');
  },

  /** The dispatcher dispatches from the 派单台. */
  onGoQueue() {
    openPage('/packages/admin/queue/index');
  },

  // ---------------------------------------------------------------- 查看联系方式
  async onUnmask() {
    if (this.data.busy) return;
    if (!(await confirmAction(this, '查看联系方式', '查看将被记录，联系方式仅用于联系群众办理这件诉求。确定查看吗？', '查看'))) return;
    this.setData({ busy: true });
    try {
      const c = await unmaskPetitioner(this.requestId);
      this.setData({ busy: false, contact: { name: c.name ?? '未留姓名', phone: c.phone } });
      // The record changed the request's version: reload it so the next action is not refused.
      await loadDetail(this);
    } catch (e) {
      this.setData({ busy: false });
      showError(this, e);
    }
  },
  onCall() {
    const contact = this.data.contact;
    if (contact) callPhone(contact.phone);
  },

  // ---------------------------------------------------------------- 受理告知 (dispatcher)
  async onNotice() {
    try {
      const n = await fetchClaimNotice(this.requestId);
      this.setData({ notice: { image: n.image, notice: n.notice, code: n.code } });
    } catch (e) {
      showError(this, e);
    }
  },

  // ---------------------------------------------------------------- 书面答复送达 (dispatcher)
  onMethod(e: { detail: DeliveryMethod }) {
    this.setData({ method: e.detail });
  },
  onDeliverDay(e: { detail: { value: string } }) {
    this.setData({ deliverDay: String(e.detail.value) });
  },
  // ---------------------------------------------------------------- 调阅联系方式 (dispatcher)
  async onReveal() {
    const reason = this.text.trim();
    const problem = textProblem(TEXT.revealReason, reason);
    if (problem) return toast(this, problem);
    if (this.data.busy) return;
    this.setData({ busy: true });
    try {
      const c = await revealPetitioner(this.requestId, reason);
      this.setData({ busy: false, panel: '', contact: { name: c.name ?? '未留姓名', phone: c.phone ?? '未留电话' } });
      await loadDetail(this);
    } catch (e) {
      this.setData({ busy: false });
      showError(this, e);
    }
  },

  /** After 退单/转办 the request is no longer ours: back to the inbox. */
  leave() {
    setTimeout(() => wx.navigateBack({ fail: () => replacePage('/packages/cadre/inbox/index') }), 1500);
  },
});
