/** One request in a list (我的诉求, 工作台, 派单台): what it is about, status, unit, the next step and by when, number. */
import type { RequestRow } from '../../utils/status';

Component({
  properties: {
    row: { type: Object, value: {} },
  },
  methods: {
    onTap() {
      this.triggerEvent('select', { id: (this.data.row as RequestRow).id });
    },
  },
});
