/** How the 包案 pages show a case: its request, its leader, the duties still open. */
import type { CaseView } from '../../../typings/index';
import { formatDateTime } from '../../utils/format';

export type CaseRow = {
  id: string;
  no: string;
  title: string;
  unitName: string;
  leaderName: string;
  statusLabel: string;
  openText: string;
};

export const caseRow = (c: CaseView): CaseRow => ({
  id: c.id,
  no: c.request.no,
  title: c.request.title,
  unitName: c.request.unitName ?? '待派单',
  leaderName: c.leaderName,
  statusLabel: c.statusLabel,
  openText: c.status === 'open' ? c.open.join('、') : '',
});

/** A case's duties with each note's time as people read it. */
export const dutyRows = (c: CaseView) => c.duties.map((d) => ({ ...d, notes: d.notes.map((n) => ({ ...n, when: formatDateTime(n.at) })) }));
