/**
 * 诉求详情 (resident): the request, its timeline, and 撤回 / 评价 / 申请复查复核 when the server
 * allows them; a merged request points to the one it was merged into.
 */
import type { RequestDetail, Score } from '../../../../typings/index';
import { SCORE_LABELS, SCORES } from '../../../shared/domain';
import { TEXT, textProblem } from '../../../shared/limits';
import { askReview, rateRequest, withdrawRequest } from '../../../services/request';
import { confirmAction, toast } from '../../../utils/feedback';
import { loadDetail, runAction } from '../../../utils/requestPage';
import { openPage } from '../../../utils/navigate';

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
  onLoad(options: Record<string, string | undefined>) {
    this.requestId = options.id ?? '';
    void loadDetail(this);
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
