/**
 * 三问决策管理 (admin, S1.4): every consultation (drafts too), each opened to the office's controls;
 * and a new one: the decision, its background, and the question and options of 问需, 问计 and 问效.
 */
import type { ConsultBrief } from '../../../../typings/index';
import { textProblem } from '../../../shared/limits';
import { CONSULT_LIMITS, CONSULT_PHASES, CONSULT_TEXT } from '../../../shared/survey';
import { createConsult, fetchConsults } from '../../../services/survey';
import { newClientId } from '../../../utils/clientId';
import { showError, toast, toastSuccess } from '../../../utils/feedback';
import { openPage } from '../../../utils/navigate';
import { Pager, pagedListWithErrorState, reloadList, usePager } from '../../../utils/pager';

const toRow = (c: ConsultBrief) => ({ id: c.id, title: c.title, stage: c.stage });
/** Options typed on one line, split at 、，, or spaces. */
const splitOptions = (s: string): string[] =>
  s
    .split(/[、，,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

Page({
  behaviors: [pagedListWithErrorState],
  data: {
    rows: [] as { id: string; title: string; stage: string }[],
    phases: CONSULT_PHASES.map((p) => ({ label: p.label, hint: p.hint })),
    titleMax: CONSULT_TEXT.title.max,
    busy: false,
  },
  form: { title: '', background: '', questions: ['', '', ''], options: ['', '', ''] },
  clientId: newClientId(),
  onLoad() {
    usePager(this, new Pager(fetchConsults, toRow));
  },
  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    openPage(`/packages/survey/consult/index?id=${e.currentTarget.dataset.id}&manage=1`);
  },
  onTitle(e: { detail: string }) {
    this.form.title = e.detail;
  },
  onBackground(e: { detail: string }) {
    this.form.background = e.detail;
  },
  onQuestion(e: { detail: string; currentTarget: { dataset: { index: number } } }) {
    this.form.questions[Number(e.currentTarget.dataset.index)] = e.detail;
  },
  onOptions(e: { detail: string; currentTarget: { dataset: { index: number } } }) {
    this.form.options[Number(e.currentTarget.dataset.index)] = e.detail;
  },
  async onCreate() {
    if (this.data.busy) return;
    const f = this.form;
    const problem = textProblem(CONSULT_TEXT.title, f.title) ?? textProblem(CONSULT_TEXT.background, f.background);
    if (problem) return toast(this, problem);
    const phases = CONSULT_PHASES.map((_p, i) => ({ question: (f.questions[i] ?? '').trim(), options: splitOptions(f.options[i] ?? '') }));
    for (const [i, p] of phases.entries()) {
      const q = textProblem(CONSULT_TEXT.question, p.question);
      if (q) return toast(this, `${CONSULT_PHASES[i]!.label}：${q}`);
      if (p.options.length < CONSULT_LIMITS.options.min || p.options.length > CONSULT_LIMITS.options.max)
        return toast(
          this,
          `${CONSULT_PHASES[i]!.label}：请填写${CONSULT_LIMITS.options.min}到${CONSULT_LIMITS.options.max}个选项，用顿号分开`,
        );
    }
    this.setData({ busy: true });
    try {
      const c = await createConsult({ clientId: this.clientId, title: f.title.trim(), background: f.background.trim(), phases });
      this.clientId = newClientId();
      toastSuccess(this, '已保存，开始问需后群众可见');
      await reloadList(this);
      openPage(`/packages/survey/consult/index?id=${c.id}&manage=1`);
    } catch (e) {
      showError(this, e);
    } finally {
      this.setData({ busy: false });
    }
  },
});
