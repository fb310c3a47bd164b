/**
 * 三问决策 (S1.4): a decision's three phases — 问需, 问计, 问效 — each with its question, the votes
 * counted so far and the office's answer once closed; in the open phase a resident votes once and
 * comments; the public timeline. Opened from 我的 → 民意调查 (admins from 三问决策管理, with the
 * office's controls: open the next phase, answer and close the open one).
 */
import type { ConsultComment, ConsultView } from '../../../../typings/index';
import { CONSULT_TEXT } from '../../../shared/survey';
import { textProblem } from '../../../shared/limits';
import {
  closeConsultPhase,
  commentConsult,
  fetchConsult,
  fetchConsultComments,
  openConsultPhase,
  voteConsult,
} from '../../../services/survey';
import { newClientId } from '../../../utils/clientId';
import { confirmAction, errorMessage, showError, toast, toastSuccess } from '../../../utils/feedback';
import { formatDateTime } from '../../../utils/format';
import { setTitle } from '../../../utils/navigate';

const STATE = { pending: '未开始', open: '征询中', closed: '已答复' } as const;
const EVENT = { create: '发布事项', openPhase: '开始征询', closePhase: '答复' } as const;

interface PhaseRow {
  index: number;
  label: string;
  question: string;
  state: string;
  open: boolean;
  summary: string | null;
  options: { index: number; label: string; count: number; pct: number; mine: boolean }[];
  voted: boolean;
}

const toPhase = (c: ConsultView, i: number): PhaseRow => {
  const p = c.phases[i]!;
  const total = p.votes.reduce((a, b) => a + b, 0);
  return {
    index: i,
    label: p.label,
    question: p.question,
    state: STATE[p.state],
    open: p.state === 'open',
    summary: p.summary,
    options: p.options.map((label, k) => ({
      index: k,
      label,
      count: p.votes[k] ?? 0,
      pct: total ? Math.round(((p.votes[k] ?? 0) * 100) / total) : 0,
      mine: p.myVote === k,
    })),
    voted: p.myVote !== null,
  };
};

Page({
  data: {
    loading: true,
    error: '',
    title: '',
    background: '',
    phases: [] as PhaseRow[],
    timeline: [] as { key: string; text: string; note: string | null }[],
    comments: [] as { id: string; text: string; at: string }[],
    openPhase: -1,
    manage: false,
    canOpen: false,
    commentMax: CONSULT_TEXT.comment.max,
    summaryMax: CONSULT_TEXT.summary.max,
    commentValue: '',
    busy: false,
  },
  consultId: '',
  view: null as ConsultView | null,
  comment: '',
  summary: '',
  clientId: newClientId(),
  onLoad(options: Record<string, string | undefined>) {
    this.consultId = options.id ?? '';
    this.setData({ manage: options.manage === '1' });
    void this.load();
  },
  async load() {
    try {
      this.show(await fetchConsult(this.consultId));
      await this.loadComments();
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  show(c: ConsultView) {
    this.view = c;
    setTitle(c.title);
    this.setData({
      loading: false,
      error: '',
      title: c.title,
      background: c.background,
      phases: c.phases.map((_p, i) => toPhase(c, i)),
      openPhase: c.openPhase ?? -1,
      canOpen: c.openPhase === null && !c.done,
      timeline: c.timeline.map((e, i) => ({
        key: String(i),
        text: `${formatDateTime(e.at)} ${e.phase ?? ''}${EVENT[e.type]}`,
        note: e.note,
      })),
    });
  },
  async loadComments() {
    const phase = this.view?.openPhase;
    if (phase === null || phase === undefined) return this.setData({ comments: [] });
    const page = await fetchConsultComments(this.consultId, phase);
    this.setData({ comments: page.items.map((c: ConsultComment) => ({ id: c.id, text: c.text, at: formatDateTime(c.at) })) });
  },
  async onVote(e: WechatMiniprogram.BaseEvent<Record<string, never>, { phase: number; option: number }>) {
    // only the open phase takes votes; the others' bars are results
    const phase = this.data.phases[this.data.openPhase];
    if (this.data.busy || !phase || phase.voted || Number(e.currentTarget.dataset.phase) !== this.data.openPhase) return;
    this.setData({ busy: true });
    try {
      this.show(await voteConsult(this.consultId, Number(e.currentTarget.dataset.option)));
      toastSuccess(this, '投票成功');
    } catch (err) {
      showError(this, err);
    } finally {
      this.setData({ busy: false });
    }
  },
  onComment(e: { detail: string }) {
    this.comment = e.detail;
  },
  async onSendComment() {
    if (this.data.busy) return;
    const problem = textProblem(CONSULT_TEXT.comment, this.comment);
    if (problem) return toast(this, problem);
    this.setData({ busy: true });
    try {
      await commentConsult(this.consultId, this.clientId, this.comment.trim());
      this.clientId = newClientId();
      this.comment = '';
      this.setData({ commentValue: '' });
      toastSuccess(this, '意见已发表');
      await this.loadComments();
    } catch (err) {
      showError(this, err);
    } finally {
      this.setData({ busy: false });
    }
  },
  onSummary(e: { detail: string }) {
    this.summary = e.detail;
  },
  async move(act: () => Promise<ConsultView>, done: string) {
    this.setData({ busy: true });
    try {
      this.show(await act());
      toastSuccess(this, done);
      await this.loadComments();
    } catch (err) {
      showError(this, err);
      await this.load(); // a CONFLICT: show what it is now
    } finally {
      this.setData({ busy: false });
    }
  },
  async onOpenPhase() {
    const c = this.view;
    if (!c || this.data.busy) return;
    const next = c.phases.find((p) => p.state === 'pending');
    if (!next || !(await confirmAction(this, '开始征询', `开始“${next.label}”？群众即可发表意见和投票。`))) return;
    await this.move(() => openConsultPhase(c), '已开始');
  },
  async onClosePhase() {
    const c = this.view;
    if (!c || this.data.busy) return;
    const problem = textProblem(CONSULT_TEXT.summary, this.summary);
    if (problem) return toast(this, problem);
    if (!(await confirmAction(this, '答复并结束', '答复将公开在时间线上，本阶段不再收意见和投票。'))) return;
    await this.move(() => closeConsultPhase(c, this.summary.trim()), '已答复');
  },
});
