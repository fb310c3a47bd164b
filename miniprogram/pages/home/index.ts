/** 首页: scan a 连心卡, or report without one. */
import { sceneFromScan } from '../../utils/scene';
import { toast } from '../../utils/feedback';

Page({
  data: {},
  onScan() {
    wx.scanCode({
      scanType: ['wxCode', 'qrCode'],
      success: (res) => {
        const scene = sceneFromScan(res);
        if (!scene) {
          toast(this, '这不是连心卡的二维码，请对准连心卡重新扫描');
          return;
        }
        wx.navigateTo({ url: `/packages/request/card/index?scene=${encodeURIComponent(scene)}` });
      },
      fail: (err) => {
        if (!/cancel/.test(err.errMsg)) toast(this, '扫码没有成功，请重试');
      },
    });
  },
  onSubmit() {
    wx.navigateTo({ url: '/packages/request/submit/index' });
  },
});
