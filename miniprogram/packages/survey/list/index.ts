/** 民意调查: the surveys open now (answer once, anonymously) and those whose results I may read; the 三问决策 consultations. */
import type { SurveyBrief } from '../../../../typings/index';
import { fetchConsults, fetchSurveys } from '../../../services/survey';
import { errorMessage } from '../../../utils/feedback';
import { openPage } from '../../../utils/navigate';
import { formatDateTime } from '../../../utils/format';

interface Row {
  id: string;
  title: string;
  label: string;
  answerable: boolean;
  resultsVisible: boolean;
}

const toRow = (b: SurveyBrief): Row => ({
  id: b.id,
  title: b.title,
  label: b.answerable ? (b.answered ? '您已参加，感谢支持' : `进行中，${formatDateTime(b.closesAt)}截止`) : '已结束，结果已公布',
  answerable: b.answerable && !b.answered,
  resultsVisible: b.resultsVisible,
});

Page({
  data: { loading: true, error: '', rows: [] as Row[], consults: [] as { id: string; title: string; stage: string }[] },
  onShow() {
    void this.load();
  },
  async load() {
    try {
      const [surveys, consults] = await Promise.all([fetchSurveys(), fetchConsults()]);
      this.setData({
        loading: false,
        error: '',
        rows: surveys.map(toRow),
        consults: consults.items.map((c) => ({ id: c.id, title: c.title, stage: c.stage })),
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onConsult(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    openPage(`/packages/survey/consult/index?id=${e.currentTarget.dataset.id}`);
  },
  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; answer: boolean }>) {
    const { id, answer } = e.currentTarget.dataset;
    openPage(answer ? `/packages/survey/answer/index?id=${id}` : `/packages/survey/results/index?id=${id}`);
  },
});
