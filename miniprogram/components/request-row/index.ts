/** One request in a list (我的诉求, 工作台, 派单台): number, status, title, unit and due date. */
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
