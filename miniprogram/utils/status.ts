/** Labels and colours of request states, and the small list row every request list renders. */
import type { RequestStatus, RequestSummary } from '../../typings/index';
import { STATUS_LABELS } from '../shared/domain';
import { formatDateTime } from './format';

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'default';

const STATUS_TAG: Record<RequestStatus, TagType> = {
  submitted: 'warning',
  assigned: 'primary',
  accepted: 'primary',
  replied: 'success',
  closed: 'success',
  returned: 'danger',
  withdrawn: 'default',
  rejected: 'default',
  merged: 'default',
  reopened: 'warning',
  reviewing: 'warning',
};

export const statusLabel = (s: RequestStatus): string => STATUS_LABELS[s];
export const statusTag = (s: RequestStatus): TagType => STATUS_TAG[s];

/** What a list row shows: only rendered fields, so setData stays small. */
export interface RequestRow {
  id: string;
  no: string;
  title: string;
  category: string;
  unitName: string;
  statusLabel: string;
  statusTag: TagType;
  due: string;
  overdue: boolean;
  /** 督办台 only: the chase as a tag, and how long it has been overdue. */
  chaseLabel?: string;
  chaseTag?: TagType;
  overdueText?: string;
}

export function toRow(s: RequestSummary): RequestRow {
  return {
    id: s.id,
    no: s.no,
    title: s.title,
    category: s.category,
    unitName: s.unitName ?? '等待派单',
    statusLabel: statusLabel(s.status),
    statusTag: statusTag(s.status),
    due: formatDateTime(s.dueAt),
    overdue: s.overdue,
  };
}
