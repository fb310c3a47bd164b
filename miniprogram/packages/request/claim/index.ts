/**
 * 认领信访事项: the petitioner of a letter or visit the 信访局 registered scans the 小程序码 on the
 * 受理告知 (scene `k-` + the claim code) or types the code; the item then follows them as their own
 * (progress messages, the answer, 评价, 复查/复核). The same for what a paired party member submitted
 * on a resident's behalf (S6.1 代办, `?from=volunteer`): the member hands the resident its code.
 */
import { claimPetition } from '../../../services/request';
import { showError, toast } from '../../../utils/feedback';
import { replacePage, setTitle } from '../../../utils/navigate';
import { largeTypeData } from '../../../utils/largeType';

const CODE = /^[2-9A-HJ-KM-NP-Z]{8}$/;

/** The code in a scanned scene (`k-XXXXXXXX`) or as typed (spaces and case forgiven). */
const codeOf = (s: string): string => s.replace(/^k-/, '').replace(/\s+/g, '').toUpperCase();

Page({
  data: { claiming: false, code: '', proxy: false },
  async onLoad(options: Record<string, string | undefined>) {
    this.setData(largeTypeData());
    if (options.from === 'volunteer') {
      this.setData({ proxy: true });
      setTitle('认领党员代办的事项');
    }
    const scene = options.scene ? decodeURIComponent(options.scene) : '';
    if (scene) {
      this.setData({ code: codeOf(scene) });
      await this.claim();
    }
  },
  onCode(e: { detail: string }) {
    this.setData({ code: codeOf(e.detail) });
  },
  async onClaim() {
    await this.claim();
  },
  async claim() {
    const code = this.data.code;
    if (!CODE.test(code)) return toast(this, this.data.proxy ? '认领码为党员给您的8位字母和数字' : '认领码为受理告知上的8位字母和数字');
    if (this.data.claiming) return;
    this.setData({ claiming: true });
    try {
      const d = await claimPetition(code);
      this.setData({ claiming: false });
      replacePage(`/packages/request/detail/index?id=${d.id}`);
    } catch (e) {
      this.setData({ claiming: false });
      showError(this, e);
    }
  },
});
