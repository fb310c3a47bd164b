/**
 * A scanned 连心卡: the unit, what it serves, who is responsible, phones; and “您想：” in words, one
 * tap to the form. A card taken out of use, or a code that is no card, is no dead end: the unit's
 * phone when known, and reporting by place.
 */
import type { CardView } from '../../../../typings/index';
import { INTENTS } from '../../../shared/domain';
import { fetchCard } from '../../../services/county';
import { fetchSurveys } from '../../../services/survey';
import { errorMessage } from '../../../utils/feedback';
import { openPage, callPhone, setTitle } from '../../../utils/navigate';
import { largeTypeData } from '../../../utils/largeType';
import { sceneOf } from '../../../utils/scene';

/** The three the card asks (提个建议 is on the form). */
const CARD_INTENTS = INTENTS.filter((i) => i.key !== 'suggest').map(({ key, label }) => ({ key, label }));

Page({
  data: {
    loading: true,
    error: '',
    card: null as CardView | null,
    intents: CARD_INTENTS,
    survey: null as { id: string; title: string } | null,
  },
  scene: '',
  onLoad(options: Record<string, string | undefined>) {
    this.setData(largeTypeData());
    this.scene = sceneOf(options);
    void this.load();
  },
  async load() {
    if (!this.scene) {
      this.setData({ loading: false, error: '没有读到连心卡' });
      return;
    }
    this.setData({ loading: true, error: '' });
    try {
      const card = await fetchCard(this.scene);
      setTitle(card.unitName);
      this.setData({ loading: false, card });
      void this.findSurvey();
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  /** An open survey (S10) the resident has not answered yet: offered beside the card, its unit first. */
  async findSurvey() {
    try {
      const open = (await fetchSurveys()).find((b) => b.answerable && !b.answered);
      if (open) this.setData({ survey: { id: open.id, title: open.title } });
    } catch {
      // the card works without it
    }
  },
  onSurvey() {
    const card = this.data.card;
    if (this.data.survey && card)
      openPage(`/packages/survey/answer/index?id=${this.data.survey.id}${card.unitId ? `&unit=${encodeURIComponent(card.unitId)}` : ''}`);
  },
  onRetry() {
    void this.load();
  },
  onCallPhone() {
    if (this.data.card) callPhone(this.data.card.phone);
  },
  onCallSupervision() {
    if (this.data.card) callPhone(this.data.card.supervisionPhone);
  },
  onIntent(e: WechatMiniprogram.BaseEvent<Record<string, never>, { intent: string }>) {
    openPage(`/packages/request/submit/index?scene=${encodeURIComponent(this.scene)}&intent=${e.currentTarget.dataset.intent}`);
  },
  /** A complaint about the card's own unit or its staff: to its supervisor, never seen by the unit. */
  onComplainAbout() {
    openPage(`/packages/request/submit/index?scene=${encodeURIComponent(this.scene)}&intent=report&about=1`);
  },
  /** Without a usable card: report by the place one lives, routed by the county's catalogue. */
  onReportByPlace() {
    openPage('/packages/request/submit/index');
  },
});
