/** What a contact point's code opens: the point and its leader, and any open survey that evaluates it (S10.2). */
import type { ContactPointView } from '../../../../typings/index';
import { fetchContactPoint } from '../../../services/duty';
import { errorMessage } from '../../../utils/feedback';
import { openPage } from '../../../utils/navigate';

Page({
  data: { loading: true, error: '', point: null as ContactPointView | null, surveys: [] as { id: string; title: string }[] },
  async onLoad(query: Record<string, string | undefined>) {
    // From a 小程序码 the scene arrives URL-encoded.
    const scene = query.scene ? decodeURIComponent(query.scene) : '';
    if (!scene) {
      this.setData({ loading: false, error: '二维码无法识别，请重新扫描' });
      return;
    }
    try {
      const r = await fetchContactPoint(scene);
      this.setData({ loading: false, point: r.point, surveys: r.surveys });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onSurvey(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    openPage(`/packages/survey/answer/index?id=${e.currentTarget.dataset.id}`);
  },
  onReport() {
    openPage('/packages/request/submit/index');
  },
});
