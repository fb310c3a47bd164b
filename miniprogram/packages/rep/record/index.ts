/**
 * 记录走访 / 记录群众意见 (kind=visit|opinion): a visit's people count toward the year's target; an
 * opinion heard is recorded on the constituent's behalf, and its 认领码 is shown to hand them.
 */
import { REP_TEXT, VISIT_PEOPLE } from '../../../shared/reps';
import { textProblem } from '../../../shared/limits';
import { recordOpinion, recordVisit } from '../../../services/rep';
import { newClientId } from '../../../utils/clientId';
import { showError, toast } from '../../../utils/feedback';
import { replacePage, setTitle } from '../../../utils/navigate';
import Dialog from '../../../miniprogram_npm/@vant/weapp/dialog/dialog';
import { contactOf, opinionProblem } from '../view';
import { countyToday } from '../../../utils/format';

Page({
  data: {
    kind: 'visit' as 'visit' | 'opinion',
    visitId: '',
    today: '',
    date: '',
    showIdentity: false,
    saving: false,
    max: { place: REP_TEXT.place.max, note: REP_TEXT.visitNote.max, content: REP_TEXT.opinion.max, contactName: REP_TEXT.contactName.max },
    autosize: { minHeight: 160 },
  },
  // Not rendered: the form's own id (a retry is the same record) and what was typed.
  clientId: '',
  place: '',
  people: '',
  note: '',
  content: '',
  contactName: '',
  contactPhone: '',
  onLoad(options: Record<string, string | undefined>) {
    const kind = options.kind === 'opinion' ? 'opinion' : 'visit';
    this.clientId = newClientId();
    const today = countyToday();
    setTitle(kind === 'visit' ? '记录走访' : '记录群众意见');
    this.setData({ kind, visitId: options.visitId ?? '', today, date: today });
  },
  onDate(e: { detail: { value: string } }) {
    this.setData({ date: e.detail.value });
  },
  onPlace(e: { detail: string }) {
    this.place = e.detail;
  },
  onPeople(e: { detail: string }) {
    this.people = e.detail;
  },
  onNote(e: { detail: string }) {
    this.note = e.detail;
  },
  onContent(e: { detail: string }) {
    this.content = e.detail;
  },
  onContactName(e: { detail: string }) {
    this.contactName = e.detail;
  },
  onContactPhone(e: { detail: string }) {
    this.contactPhone = e.detail;
  },
  onShowIdentity(e: { detail: boolean }) {
    this.setData({ showIdentity: e.detail });
  },
  async onSaveVisit() {
    const people = Number(this.people);
    const problem =
      textProblem(REP_TEXT.place, this.place) ??
      (!Number.isInteger(people) || people < VISIT_PEOPLE.min || people > VISIT_PEOPLE.max
        ? `走访人数请填写${VISIT_PEOPLE.min}到${VISIT_PEOPLE.max}之间的整数`
        : null) ??
      (this.note.trim() ? textProblem(REP_TEXT.visitNote, this.note) : null);
    if (problem) {
      toast(this, problem);
      return;
    }
    this.setData({ saving: true });
    try {
      const v = await recordVisit({
        clientId: this.clientId,
        date: this.data.date,
        place: this.place.trim(),
        people,
        ...(this.note.trim() ? { note: this.note.trim() } : {}),
      });
      this.setData({ saving: false });
      const more = await Dialog.confirm({
        context: this,
        title: '已保存',
        message: `走访${v.people}人已计入年度进度。要记录这次走访听到的群众意见吗？`,
        confirmButtonText: '记录意见',
        cancelButtonText: '返回',
      }).then(
        () => true,
        () => false,
      );
      if (more) replacePage(`/packages/rep/record/index?kind=opinion&visitId=${v.id}`);
      else wx.navigateBack({ fail: () => undefined });
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
  async onSaveOpinion() {
    const problem = opinionProblem(this.content, this.contactName, this.contactPhone);
    if (problem) {
      toast(this, problem);
      return;
    }
    this.setData({ saving: true });
    try {
      const o = await recordOpinion({
        clientId: this.clientId,
        content: this.content.trim(),
        showIdentity: this.data.showIdentity,
        ...(this.data.visitId ? { visitId: this.data.visitId } : {}),
        ...contactOf(this.contactName, this.contactPhone),
      });
      this.setData({ saving: false });
      await Dialog.alert({
        context: this,
        title: '已保存',
        message: `请把认领码 ${o.claimCode ?? ''} 告诉群众：在“连心”小程序“我的意见”中输入，即可查看办理结果并收到通知。`,
      });
      // A fresh form for the next person met on the same visit.
      this.clientId = newClientId();
      replacePage(`/packages/rep/record/index?kind=opinion${this.data.visitId ? `&visitId=${this.data.visitId}` : ''}`);
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
});
