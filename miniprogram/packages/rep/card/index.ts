/** A representative's card, scanned by a resident: who they are, where they receive people; send them an opinion. */
import type { RepCardView } from '../../../../typings/index';
import { REP_TEXT } from '../../../shared/reps';
import { fetchRepCard, sendOpinion } from '../../../services/rep';
import { newClientId } from '../../../utils/clientId';
import { showError, toast } from '../../../utils/feedback';
import { loadScanned, sceneOf } from '../../../utils/scene';
import { callPhone, openPage, replacePage, setTitle } from '../../../utils/navigate';
import Dialog from '../../../miniprogram_npm/@vant/weapp/dialog/dialog';
import { contactOf, opinionProblem } from '../view';

Page({
  data: {
    loading: true,
    error: '',
    card: null as RepCardView | null,
    max: { content: REP_TEXT.opinion.max, contactName: REP_TEXT.contactName.max },
    showIdentity: false,
    sending: false,
    autosize: { minHeight: 160 },
  },
  // Not rendered: the scene, the form's own id (a retry is the same opinion) and what was typed.
  scene: '',
  clientId: '',
  content: '',
  contactName: '',
  contactPhone: '',
  onLoad(options: Record<string, string | undefined>) {
    this.scene = sceneOf(options);
    this.clientId = newClientId();
    void this.load();
  },
  load() {
    return loadScanned(this, '没有读到联系卡，请重新扫描', async (scene) => {
      const card = await fetchRepCard(scene);
      setTitle(`${card.name}的联系卡`);
      return { card };
    });
  },
  onRetry() {
    void this.load();
  },
  onCallPhone() {
    if (this.data.card) callPhone(this.data.card.phone);
  },
  onContent(e: { detail: string }) {
    this.content = e.detail;
  },
  onShowIdentity(e: { detail: boolean }) {
    this.setData({ showIdentity: e.detail });
  },
  onContactName(e: { detail: string }) {
    this.contactName = e.detail;
  },
  onContactPhone(e: { detail: string }) {
    this.contactPhone = e.detail;
  },
  onMine() {
    openPage('/packages/rep/mine/index');
  },
  async onSend() {
    const problem = opinionProblem(this.content, this.contactName, this.contactPhone);
    if (problem) {
      toast(this, problem);
      return;
    }
    this.setData({ sending: true });
    try {
      await sendOpinion({
        clientId: this.clientId,
        scene: this.scene,
        content: this.content.trim(),
        showIdentity: this.data.showIdentity,
        ...contactOf(this.contactName, this.contactPhone),
      });
      this.setData({ sending: false });
      await Dialog.alert({
        context: this,
        title: '已发送',
        message: '您的意见已送达代表。汇入建议并交办后，办理结果会通知您，也可在“我的意见”中查看。',
      });
      replacePage('/packages/rep/mine/index');
    } catch (e) {
      this.setData({ sending: false });
      showError(this, e);
    }
  },
});
