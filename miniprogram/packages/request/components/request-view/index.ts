/** A request as both sides read it (the petitioner in plain words): content, dates, reply, rating and the timeline. */
import type { DetailView } from '../../../../utils/detailView';
import { previewPhotos } from '../../../../utils/navigate';

Component({
  properties: {
    view: { type: Object, value: {} },
    /** The petitioner's page: plain words, and no staff-side deadlines (the page says what happens next). */
    plain: { type: Boolean, value: false },
  },
  methods: {
    onPreview(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      const photos = (this.data.view as DetailView).photos;
      previewPhotos(photos, photos[e.currentTarget.dataset.index]);
    },
  },
});
