/** 干部绑定: an invite code and a name bind me to a unit as a cadre. */
import type { IAppOption } from '../../../../typings/index';
import { TEXT, textProblem } from '../../../shared/limits';
import { bindInvite } from '../../../services/user';
import { showError, toast, toastSuccess } from '../../../utils/feedback';
import { replacePage } from '../../../utils/navigate';

Page({
  data: { busy: false, nameMax: TEXT.cadreName.max },
  code: '',
  name: '',
  onCode(e: { detail: string }) {
    this.code = e.detail;
  },
  onName(e: { detail: string }) {
    this.name = e.detail;
  },
  async onBind() {
    if (this.data.busy) return;
    const code = this.code.trim().toUpperCase();
    const name = this.name.trim();
    if (!/^[0-9A-Z]{8}$/.test(code)) return toast(this, '邀请码是8位字母或数字，请核对');
    const problem = textProblem(TEXT.cadreName, name);
    if (problem) return toast(this, problem);
    this.setData({ busy: true });
    try {
      await bindInvite(code, name);
      const me = await getApp<IAppOption>().loadMe(true);
      this.setData({ busy: false });
      toastSuccess(this, `绑定成功：${me.unitName ?? ''}`);
      setTimeout(() => replacePage('/packages/cadre/inbox/index'), 1200);
    } catch (e) {
      this.setData({ busy: false });
      showError(this, e);
    }
  },
});
