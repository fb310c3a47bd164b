/**
 * 下访 (S4.3), the cadre's page: what their level's rule asks this month (a county leader one 下访,
 * a 包村干部 逢五必进 — every Friday, every day of a sensitive period), what they logged, what they
 * missed and whether today is asked; a 下访 logged with its date, place and what was done, a county
 * leader's with the key cases taken along (带案下访).
 */
import type { DownVisitView, MyVisits, VisitCase } from '../../../../typings/index';
import { LEAD_TEXT } from '../../../shared/leaders';
import { tooShort } from '../../../shared/limits';
import { fetchMyVisits, logVisit } from '../../../services/leaders';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast, toastSuccess } from '../../../utils/feedback';
import { countyDate, dueLines } from '../leaders';

type CaseChoice = VisitCase & { chosen: boolean };

Page({
  data: {
    loading: true,
    error: '',
    month: countyDate().slice(0, 7),
    lines: { asked: '', missed: '', today: '' },
    visits: [] as DownVisitView[],
    cases: [] as CaseChoice[],
    date: countyDate(),
  },
  clientId: '',
  place: '',
  notes: '',
  onLoad() {
    this.clientId = newClientId();
    void this.load();
  },
  async load() {
    try {
      this.show(await fetchMyVisits(this.data.month));
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  show(m: MyVisits) {
    const chosen = new Set(this.data.cases.filter((c) => c.chosen).map((c) => c.id));
    this.setData({
      loading: false,
      error: '',
      lines: dueLines(m.due),
      visits: m.visits,
      cases: m.cases.map((c) => ({ ...c, chosen: chosen.has(c.id) })),
    });
  },
  onMonth(e: { detail: string }) {
    const month = e.detail.trim();
    if (!/^20\d\d-(0[1-9]|1[0-2])$/.test(month)) return;
    this.setData({ month });
    void this.load();
  },
  onDate(e: { detail: string }) {
    this.setData({ date: e.detail.trim() });
  },
  onPlace(e: { detail: string }) {
    this.place = e.detail.trim();
  },
  onNotes(e: { detail: string }) {
    this.notes = e.detail.trim();
  },
  onCase(e: { currentTarget: { dataset: { index: number } } }) {
    const i = e.currentTarget.dataset.index;
    this.setData({ [`cases[${i}].chosen`]: !this.data.cases[i]!.chosen });
  },
  async onLog() {
    if (!/^20\d\d-\d\d-\d\d$/.test(this.data.date)) return toast(this, '日期格式应为 2026-11-26');
    if (this.place.length < LEAD_TEXT.visitPlace.min) return toast(this, tooShort(LEAD_TEXT.visitPlace));
    if (this.notes.length < LEAD_TEXT.visitNotes.min) return toast(this, tooShort(LEAD_TEXT.visitNotes));
    const caseIds = this.data.cases.filter((c) => c.chosen).map((c) => c.id);
    try {
      await logVisit({
        clientId: this.clientId,
        date: this.data.date,
        place: this.place,
        notes: this.notes,
        ...(caseIds.length ? { caseIds } : {}),
      });
      this.clientId = newClientId();
      toastSuccess(this, '下访已记录');
      this.setData({ month: this.data.date.slice(0, 7), cases: this.data.cases.map((c) => ({ ...c, chosen: false })) });
      await this.load();
    } catch (e) {
      showError(this, e);
    }
  },
});
