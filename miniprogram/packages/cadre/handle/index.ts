/**
 * 办理诉求 (cadre; the dispatcher too): the request as the unit sees it (the petitioner masked or
 * 保密 by the server), its deadlines, extension, pause and chase, and every action the server
 * lists in `can`: 签收 / 答复 / 退单 / 转办, and 不予受理, 并单, 回访, 延期, 暂停/恢复计时, 复查复核意见;
 * 查看联系方式 for the handling unit when the petitioner agreed to be contacted.
 */
import type { IAppOption, RequestDetail } from '../../../../typings/index';
import { answerReview } from '../../../services/admin';
import { fetchUnits } from '../../../services/county';
import {
  acceptRequest, askExtension, decideExtension, fetchDuplicates, mergeRequest, pauseRequest, rejectRequest, replyRequest,
  resumeRequest, returnRequest, revisitRequest, transferRequest, unmaskPetitioner,
} from '../../../services/request';
import { confirmAction, showError, toast } from '../../../utils/feedback';
import { formatDateTime } from '../../../utils/format';
import { loadDetail, runAction } from '../../../utils/requestPage';
import { statusLabel } from '../../../utils/status';
import { askSubscriptions } from '../../../utils/subscribe';
import { UNIT_PICKER_DATA, unitPicker } from '../../../utils/unitPicker';

type Panel = '' | 'reply' | 'return' | 'transfer' | 'reject' | 'merge' | 'revisit' | 'extendAsk' | 'extendDecide' | 'pause' | 'reviewAnswer';

interface DuplicateRow {
  id: string;
  no: string;
  title: string;
  label: string;
}

const chars = (s: string): number => Array.from(s).length;

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
    busy: false,
    ...UNIT_PICKER_DATA,
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
  },
  requestId: '',
  detail: null as RequestDetail | null,
  text: '',
  note: '',
  ...unitPicker(otherUnits),
  async onLoad(options: Record<string, string | undefined>) {
    this.requestId = options.id ?? '';
    // Who I am decides 查看联系方式 and the subscription templates; a failure only hides those.
    await getApp<IAppOption>().loadMe().catch(() => undefined);
    await loadDetail(this);
  },
  onPullDownRefresh() {
    void loadDetail(this).then(() => wx.stopPullDownRefresh());
  },
  extraData(d: RequestDetail): Record<string, unknown> {
    return { canUnmask: d.canUnmask };
  },
  onPanel(e: WechatMiniprogram.BaseEvent<Record<string, never>, { panel: Panel }>) {
    this.text = '';
    this.note = '';
    this.unitId = '';
    const panel = e.currentTarget.dataset.panel;
    this.setData({ panel, unitName: '', intoId: '', satisfied: '', approve: '', days: 1 });
    if (panel === 'merge') void this.loadDuplicates();
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
  async onReply() {
    const reply = this.text.trim();
    if (chars(reply) < 5) return toast(this, '答复内容请至少写5个字');
    if (!(await confirmAction(this, '确认答复', '答复后群众将收到办理结果，确定提交吗？', '提交答复'))) return;
    await runAction(this, (v) => replyRequest(v, reply), '已答复');
  },
  async onReturn() {
    const reason = this.text.trim();
    if (chars(reason) < 5) return toast(this, '退单理由请至少写5个字');
    if (!(await confirmAction(this, '确认退单', '退单后这条诉求将回到调度中心重新派单，确定退单吗？', '确认退单'))) return;
    if (await runAction(this, (v) => returnRequest(v, reason), '已退回调度中心')) this.leave();
  },
  async onTransfer() {
    const reason = this.text.trim();
    if (!this.unitId) return toast(this, '请选择转办单位');
    if (chars(reason) < 5) return toast(this, '转办说明请至少写5个字');
    if (!(await confirmAction(this, '确认转办', `确定把这条诉求转给${this.data.unitName}吗？`, '确认转办'))) return;
    if (await runAction(this, (v) => transferRequest(v, this.unitId, reason), `已转至${this.data.unitName}`)) this.leave();
  },

  // ---------------------------------------------------------------- 不予受理
  async onReject() {
    const reason = this.text.trim();
    if (chars(reason) < 5) return toast(this, '不予受理的理由请至少写5个字');
    if (!(await confirmAction(this, '确认不予受理', '理由将告知群众，这条诉求将不再办理。确定不予受理吗？', '不予受理'))) return;
    await runAction(this, (v) => rejectRequest(v, reason), '已不予受理');
  },

  // ---------------------------------------------------------------- 并单
  async loadDuplicates() {
    this.setData({ dupLoading: true, dupError: '', duplicates: [] });
    try {
      const found = await fetchDuplicates(this.requestId);
      const duplicates = found.map((s) => ({ id: s.id, no: s.no, title: s.title, label: `${statusLabel(s.status)} · ${formatDateTime(s.createdAt)}` }));
      this.setData({ dupLoading: false, duplicates });
    } catch (e) {
      this.setData({ dupLoading: false, dupError: (e as Error).message || '加载失败，请重试' });
    }
  },
  onPickDuplicate(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    this.setData({ intoId: e.currentTarget.dataset.id });
  },
  async onMerge() {
    const into = this.data.duplicates.find((r) => r.id === this.data.intoId);
    if (!into) return toast(this, '请选择要合并到的诉求');
    if (!(await confirmAction(this, '确认并单', `确定把这条诉求并入 ${into.no} 吗？并单后不再单独办理，反映人将看到合并后的诉求。`, '确认并单'))) return;
    const note = this.note.trim();
    await runAction(this, (v) => mergeRequest(v, into.id, note || undefined), `已并入 ${into.no}`);
  },

  // ---------------------------------------------------------------- 回访
  onSatisfied(e: { detail: string }) {
    this.setData({ satisfied: e.detail });
  },
  async onRevisit() {
    const note = this.text.trim();
    if (!this.data.satisfied) return toast(this, '请选择群众是否满意');
    if (chars(note) < 2) return toast(this, '请写明回访情况');
    await runAction(this, (v) => revisitRequest(v, note, this.data.satisfied === 'yes'), '回访已记录');
  },

  // ---------------------------------------------------------------- 延期
  onDays(e: { detail: number | string }) {
    this.setData({ days: Number(e.detail) || 1 });
  },
  async onExtendAsk() {
    const days = this.data.days;
    const reason = this.text.trim();
    if (!Number.isInteger(days) || days < 1) return toast(this, '请填写延期天数');
    if (chars(reason) < 5) return toast(this, '延期理由请至少写5个字');
    if (!(await confirmAction(this, '确认申请延期', `申请延期${days}日，提交后由单位负责人审批。每件诉求只能申请一次，确定提交吗？`, '提交申请'))) return;
    await runAction(this, (v) => askExtension(v, days, reason), '延期申请已提交，等待审批');
  },
  onApprove(e: { detail: string }) {
    this.setData({ approve: e.detail });
  },
  async onExtendDecide() {
    const approve = this.data.approve;
    if (!approve) return toast(this, '请选择同意或不同意');
    const note = this.note.trim();
    const yes = approve === 'yes';
    if (!(await confirmAction(this, yes ? '同意延期' : '不同意延期', yes ? '同意后答复时限将顺延，确定同意吗？' : '确定不同意这次延期申请吗？', '确定'))) return;
    await runAction(this, (v) => decideExtension(v, yes, note || undefined), yes ? '已同意延期' : '已不同意延期');
  },

  // ---------------------------------------------------------------- 暂停 / 恢复计时
  async onPause() {
    const reason = this.text.trim();
    if (chars(reason) < 5) return toast(this, '暂停原因请至少写5个字');
    if (!(await confirmAction(this, '确认暂停计时', '暂停期间不计算办理时限，恢复后时限顺延。确定暂停吗？', '暂停计时'))) return;
    await runAction(this, (v) => pauseRequest(v, reason), '已暂停计时');
  },
  async onResume() {
    if (!(await confirmAction(this, '恢复计时', '确定恢复计时吗？答复时限将按暂停的时间顺延。', '恢复计时'))) return;
    await runAction(this, resumeRequest, '已恢复计时');
  },

  // ---------------------------------------------------------------- 复查复核意见 (dispatcher)
  async onReviewAnswer() {
    const opinion = this.text.trim();
    if (chars(opinion) < 5) return toast(this, '复查复核意见请至少写5个字');
    if (!(await confirmAction(this, '确认提交意见', '意见将告知信访人，确定提交吗？', '提交意见'))) return;
    await runAction(this, (v) => answerReview(v, opinion), '意见已提交');
  },

  /** The dispatcher dispatches from the 派单台. */
  onGoQueue() {
    wx.navigateTo({ url: '/packages/admin/queue/index' });
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
    if (contact) wx.makePhoneCall({ phoneNumber: contact.phone });
  },

  /** After 退单/转办 the request is no longer ours: back to the inbox. */
  leave() {
    setTimeout(() => wx.navigateBack({ fail: () => wx.redirectTo({ url: '/packages/cadre/inbox/index' }) }), 1500);
  },
});
