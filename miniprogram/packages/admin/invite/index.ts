/** 干部邀请码 (admin): a one-time code binding a cadre to a unit at a level. */
import type { CadreLevel } from '../../../../typings/index';
import { CADRE_LEVELS } from '../../../shared/domain';
import { createInvite } from '../../../services/admin';
import { formatDateTime } from '../../../utils/format';
import { showError, toast, toastSuccess } from '../../../utils/feedback';
import { chosenUnit, unitPicker } from '../../../utils/unitPicker';

Page({
  data: {
    levels: CADRE_LEVELS,
    level: '' as CadreLevel | '',
    busy: false,
    code: '',
    expires: '',
    createdFor: '',
  },
  behaviors: [unitPicker],
  onLevel(e: { detail: CadreLevel }) {
    this.setData({ level: e.detail });
  },
  async onCreate() {
    if (this.data.busy) return;
    const unit = chosenUnit(this);
    if (!unit) return toast(this, '请选择单位');
    const level = this.data.level;
    if (!level) return toast(this, '请选择干部层级');
    this.setData({ busy: true });
    try {
      const res = await createInvite(unit.id, level);
      this.setData({ busy: false, code: res.code, expires: formatDateTime(res.expiresAt), createdFor: unit.name });
    } catch (e) {
      this.setData({ busy: false });
      showError(this, e);
    }
  },
  onCopy() {
    wx.setClipboardData({ data: this.data.code, success: () => toastSuccess(this, '已复制') });
  },
});
