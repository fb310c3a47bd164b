/**
 * 诉求详情 (resident): first what happens next and by when, with the card's phone and 监督电话 one
 * tap away; then the request and its timeline in plain words; 评价 / 申请复查复核 when the server
 * allows them, 撤回 as a small link; a merged request points to the one it was merged into. Just
 * after submitting (`fresh=1`) it offers the subscription, now that nothing is in the way.
 */
import type { RequestDetail, Score } from '../../../../typings/index';
import { SCORE_LABELS, SCORES } from '../../../shared/domain';
import { TEXT, textProblem } from '../../../shared/limits';
import { askReview, rateRequest, withdrawRequest } from '../../../services/request';
import { fetchCard } from '../../../services/county';
import { nextForResident } from '../../../utils/detailView';
import { confirmAction, toast } from '../../../utils/feedback';
import { loadDetail, runAction } from '../../../utils/requestPage';
import { callPhone, openPage } from '../../../utils/navigate';
import { askSubscriptions } from '../../../utils/subscribe';
import { largeTypeData } from '../../../utils/largeType';

const SCORE_OPTIONS = SCORES.map((value) => ({ value, label: SCORE_LABELS[value] }));

Page({
  data: {
    max: { withdrawReason: TEXT.withdrawReason.max, rateComment: TEXT.rateComment.max, reviewReason: TEXT.reviewReason.max },
    reviewHint: `请写明不服的理由（至少${TEXT.reviewReason.min}个字）`,
    loading: true,
    error: '',
    view: {},
    can: {},
    panel: '' as '' | 'withdraw' | 'rate' | 'review',
    busy: false,
    /** What happens next and by when, in plain words ('' when nothing more is owed). */
    next: '',
    /** The card's phones, one tap each ('' when not known, or the unit's own when the complaint is about it). */
    phones: { unit: '', unitName: '', supervision: '' },
    /** Just submitted: the subscription is offered; 'asked' once the resident answered the panel. */
    fresh: false,
    subscribed: '' as '' | 'yes' | 'no',
    scores: SCORE_OPTIONS,
    score: 0,
    /** 问题解决了吗: '' until answered. */
    resolved: '' as '' | 'yes' | 'no',
    /** The rating form's problems, shown at the field until fixed. */
    rateErrors: { resolved: '', score: '' },
  },
  requestId: '',
  detail: null as RequestDetail | null,
  reason: '',
  comment: '',
  phonesFor: '',
  onLoad(options: Record<string, string | undefined>) {
    this.setData(largeTypeData());
    this.requestId = options.id ?? '';
    this.setData({ fresh: options.fresh === '1' });
    void loadDetail(this).then(() => this.loadPhones());
  },
  extraData(d: RequestDetail) {
    return { next: nextForResident(d), plain: true };
  },
  /** The card's phones, once per card (a card's phones are public, S7.2). */
  async loadPhones() {
    const card = this.detail?.card;
    if (!card || this.phonesFor === card.scene) return;
    this.phonesFor = card.scene;
    try {
      const c = await fetchCard(card.scene);
      // A complaint about the card's unit: only the 监督电话 (its supervisor handles it).
      this.setData({ phones: { unit: card.aboutUnit ? '' : c.phone, unitName: c.unitName, supervision: c.supervisionPhone } });
    } catch {
      this.phonesFor = ''; // the page still reads without them
    }
  },
  onCallUnit() {
    if (this.data.phones.unit) callPhone(this.data.phones.unit);
  },
  onCallSupervision() {
    if (this.data.phones.supervision) callPhone(this.data.phones.supervision);
  },
  /** From the tap itself: WeChat shows the subscription panel only then. */
  onSubscribe() {
    void askSubscriptions().then((accepted) => this.setData({ subscribed: accepted.length ? 'yes' : 'no' }));
  },
  onPullDownRefresh() {
    void loadDetail(this).then(() => wx.stopPullDownRefresh());
  },
  onPanel(e: WechatMiniprogram.BaseEvent<Record<string, never>, { panel: 'withdraw' | 'rate' | 'review' }>) {
    this.reason = '';
    this.comment = '';
    this.setData({ panel: e.currentTarget.dataset.panel, score: 0, resolved: '', rateErrors: { resolved: '', score: '' } });
  },
  onClosePanel() {
    this.setData({ panel: '' });
  },
  onReason(e: { detail: string }) {
    this.reason = e.detail;
  },
  onComment(e: { detail: string }) {
    this.comment = e.detail;
  },
  onScore(e: { detail: Score | string }) {
    this.setData({ score: Number(e.detail), 'rateErrors.score': '' });
  },
  onResolved(e: { detail: 'yes' | 'no' }) {
    this.setData({ resolved: e.detail, 'rateErrors.resolved': '' });
  },
  async onWithdraw() {
    if (!(await confirmAction(this, '确认撤回', '撤回后这条诉求将不再办理，确定要撤回吗？', '确认撤回'))) return;
    const reason = this.reason.trim();
    await runAction(this, (v) => withdrawRequest(v, reason || undefined), '已撤回');
  },
  async onRate() {
    const score = this.data.score as Score;
    const rateErrors = {
      resolved: this.data.resolved ? '' : '请选择：问题解决了，还是没有解决',
      score: SCORE_LABELS[score] ? '' : '请选择您满意不满意',
    };
    if (rateErrors.resolved || rateErrors.score) {
      this.setData({ rateErrors });
      return;
    }
    const comment = this.comment.trim();
    const resolved = this.data.resolved === 'yes';
    await runAction(this, (v) => rateRequest(v, resolved, score, comment || undefined), '感谢您的评价');
  },
  async onReview() {
    const reason = this.reason.trim();
    const problem = textProblem(TEXT.reviewReason, reason);
    if (problem) return toast(this, problem);
    const which = (this.detail?.review?.level ?? 0) >= 1 ? '复核' : '复查';
    if (!(await confirmAction(this, `确认申请${which}`, `申请后将由上一级机关${which}，确定提交吗？`, '确认申请'))) return;
    await runAction(this, (v) => askReview(v, reason), `已申请${which}`);
  },
  onOpenMerged() {
    const into = this.detail?.mergedInto;
    if (into) openPage(`/packages/request/detail/index?id=${into}`);
  },
});
