/**
 * 办理诉求 (cadre): the request as the unit sees it (the petitioner masked or 保密 by the server),
 * and 签收 / 答复 / 退单 / 转办 as the server allows.
 */
import type { IAppOption, RequestDetail, UnitView } from '../../../../typings/index';
import { fetchUnits } from '../../../services/county';
import { acceptRequest, replyRequest, returnRequest, transferRequest } from '../../../services/request';
import { confirmAction, showError, toast } from '../../../utils/feedback';
import { loadDetail, runAction } from '../../../utils/requestPage';

type Panel = '' | 'reply' | 'return' | 'transfer';

Page({
  data: {
    loading: true,
    error: '',
    view: {},
    can: {},
    panel: '' as Panel,
    busy: false,
    unitName: '',
    unitPicker: false,
    unitColumns: [] as string[],
  },
  requestId: '',
  detail: null as RequestDetail | null,
  text: '',
  units: [] as UnitView[],
  unitId: '',
  onLoad(options: Record<string, string | undefined>) {
    this.requestId = options.id ?? '';
    void loadDetail(this);
  },
  onPullDownRefresh() {
    void loadDetail(this).then(() => wx.stopPullDownRefresh());
  },
  onPanel(e: WechatMiniprogram.BaseEvent<Record<string, never>, { panel: Panel }>) {
    this.text = '';
    this.unitId = '';
    this.setData({ panel: e.currentTarget.dataset.panel, unitName: '' });
  },
  onClosePanel() {
    this.setData({ panel: '' });
  },
  onText(e: { detail: string }) {
    this.text = e.detail;
  },
  async onAccept() {
    await runAction(this, acceptRequest, '已签收，请在答复时限内办理');
  },
  async onReply() {
    const reply = this.text.trim();
    if (Array.from(reply).length < 5) return toast(this, '答复内容请至少写5个字');
    if (!(await confirmAction(this, '确认答复', '答复后群众将收到办理结果，确定提交吗？', '提交答复'))) return;
    await runAction(this, (v) => replyRequest(v, reply), '已答复');
  },
  async onReturn() {
    const reason = this.text.trim();
    if (Array.from(reason).length < 5) return toast(this, '退单理由请至少写5个字');
    if (!(await confirmAction(this, '确认退单', '退单后这条诉求将回到调度中心重新派单，确定退单吗？', '确认退单'))) return;
    if (await runAction(this, (v) => returnRequest(v, reason), '已退回调度中心')) this.leave();
  },
  async onPickUnit() {
    try {
      if (!this.units.length) {
        const mine = getApp<IAppOption>().globalData.me?.unitId ?? null;
        this.units = (await fetchUnits()).filter((u) => u.id !== mine);
      }
      this.setData({ unitPicker: true, unitColumns: this.units.map((u) => u.name) });
    } catch (e) {
      showError(this, e);
    }
  },
  onCloseUnits() {
    this.setData({ unitPicker: false });
  },
  onUnitPicked(e: { detail: { index: number } }) {
    const unit = this.units[e.detail.index];
    this.setData({ unitPicker: false });
    if (!unit) return;
    this.unitId = unit.id;
    this.setData({ unitName: unit.name });
  },
  async onTransfer() {
    const reason = this.text.trim();
    if (!this.unitId) return toast(this, '请选择转办单位');
    if (Array.from(reason).length < 5) return toast(this, '转办说明请至少写5个字');
    if (!(await confirmAction(this, '确认转办', `确定把这条诉求转给${this.data.unitName}吗？`, '确认转办'))) return;
    if (await runAction(this, (v) => transferRequest(v, this.unitId, reason), `已转至${this.data.unitName}`)) this.leave();
  },
  /** After 退单/转办 the request is no longer ours: back to the inbox. */
  leave() {
    setTimeout(() => wx.navigateBack({ fail: () => wx.redirectTo({ url: '/packages/cadre/inbox/index' }) }), 1500);
  },
});
