/** 记录调研报告 (S1.1) / 记录谈心谈话 (S5) (kind=report|talk): each counts toward the year at once. */
import { DUTY_TEXT, TALK_FORMS, type TalkForm } from '../../../shared/duties';
import { textProblem } from '../../../shared/limits';
import { recordDutyReport, recordDutyTalk } from '../../../services/duty';
import { newClientId } from '../../../utils/clientId';
import { showError, toast, toastSuccess } from '../../../utils/feedback';
import { setTitle } from '../../../utils/navigate';
import { countyToday } from '../view';

Page({
  data: {
    kind: 'report' as 'report' | 'talk',
    today: '',
    date: '',
    forms: TALK_FORMS,
    form: TALK_FORMS[0] as TalkForm,
    saving: false,
    max: { topic: DUTY_TEXT.topic.max, report: DUTY_TEXT.report.max, talkWith: DUTY_TEXT.talkWith.max, notes: DUTY_TEXT.talkNotes.max },
  },
  clientId: '',
  topic: '',
  summary: '',
  talkWith: '',
  notes: '',
  onLoad(options: Record<string, string | undefined>) {
    const kind = options.kind === 'talk' ? 'talk' : 'report';
    this.clientId = newClientId();
    const today = countyToday();
    setTitle(kind === 'talk' ? '记录谈心谈话' : '记录调研报告');
    this.setData({ kind, today, date: today });
  },
  onDate(e: { detail: { value: string } }) {
    this.setData({ date: e.detail.value });
  },
  onForm(e: { detail: TalkForm }) {
    this.setData({ form: e.detail });
  },
  onTopic(e: { detail: string }) {
    this.topic = e.detail;
  },
  onSummary(e: { detail: string }) {
    this.summary = e.detail;
  },
  onTalkWith(e: { detail: string }) {
    this.talkWith = e.detail;
  },
  onNotes(e: { detail: string }) {
    this.notes = e.detail;
  },
  async onSave() {
    const talk = this.data.kind === 'talk';
    const problem = talk
      ? (textProblem(DUTY_TEXT.talkWith, this.talkWith) ?? (this.notes.trim() ? textProblem(DUTY_TEXT.talkNotes, this.notes) : null))
      : (textProblem(DUTY_TEXT.topic, this.topic) ?? textProblem(DUTY_TEXT.report, this.summary));
    if (problem) {
      toast(this, problem);
      return;
    }
    this.setData({ saving: true });
    try {
      if (talk)
        await recordDutyTalk({
          clientId: this.clientId,
          date: this.data.date,
          talkWith: this.talkWith.trim(),
          form: this.data.form,
          ...(this.notes.trim() ? { notes: this.notes.trim() } : {}),
        });
      else
        await recordDutyReport({ clientId: this.clientId, date: this.data.date, topic: this.topic.trim(), summary: this.summary.trim() });
      this.setData({ saving: false });
      toastSuccess(this, '已记入履职统计');
      wx.navigateBack({ fail: () => undefined });
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
});
