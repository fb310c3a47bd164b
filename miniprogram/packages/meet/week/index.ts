/** 本周接访: who receives the public this week, where and when (the county's leaders, and a card's unit when opened from one). */
import type { ReceptionBoard } from '../../../../typings/index';
import { fetchBoard } from '../../../services/meet';
import { errorMessage } from '../../../utils/feedback';
import { largeTypeData } from '../../../utils/largeType';
import { sceneOf } from '../../../utils/scene';

Page({
  data: { loading: true, error: '', board: null as ReceptionBoard | null },
  scene: '',
  onLoad(options: Record<string, string | undefined>) {
    this.setData(largeTypeData());
    this.scene = sceneOf(options);
    void this.load();
  },
  async load() {
    this.setData({ loading: true, error: '' });
    try {
      this.setData({ loading: false, board: await fetchBoard(this.scene || undefined) });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onRetry() {
    void this.load();
  },
});
