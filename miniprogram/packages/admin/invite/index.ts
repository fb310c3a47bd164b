/** 干部邀请码 (admin): a one-time code binding a cadre to a unit at a level. */
import type { CadreLevel } from '../../../../typings/index';
import { CADRE_LEVELS } from '../../../shared/domain';
import { createInvite } from '../../../services/admin';
import { formatDateTime } from '../../../utils/format';
import { showError, toast, toastSuccess } from '../../../utils/feedback';
import { UNIT_PICKER_DATA, unitPicker } from '../../../utils/unitPicker';

Page({
  data: {
    levels: CADRE_LEVELS,
    level: '' as CadreLevel | '',
    ...UNIT_PICKER_DATA,
    busy: false,
    code: '',
    expires: '',
    createdFor: '',
  },
  ...unitPicker(),
  onLevel(e: { detail: CadreLevel }) {
    this.setData({ level: e.detail });
  },
  async onCreate() {
    if (this.data.busy) return;
    if (!this.unitId) return toast(this, '请选择单位');
    const level = this.data.level;
    if (!level) return toast(this, '请选择干部层级');
    this.setData({ busy: true });
    try {
      const res = await createInvite(this.unitId, level);
      this.setData({ busy: false, code: res.code, expires: formatDateTime(res.expiresAt), createdFor: this.data.unitName });
    } catch (e) {
      this.setData({ busy: false });
      showError(this, e);
    }
  },
  onCopy() {
    wx.setClipboardData({ data: this.data.code, success: () => toastSuccess(this, '已复制') });
  },
});
