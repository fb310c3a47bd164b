/** Labels and colours of request states, and the small list row every request list renders. */
import type { RequestStatus, RequestSummary } from '../../typings/index';
import { RESIDENT_STATUS_LABELS, STATUS_LABELS } from '../shared/domain';
import { formatDeadline } from './format';

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
  /** What it is about: the request's own first words (cut with “…” by the server). */
  title: string;
  /** Category and the unit handling it. */
  meta: string;
  statusLabel: string;
  statusTag: TagType;
  /** The next thing that will happen and by when ('' when nothing more is owed: closed, withdrawn…). */
  next: string;
  overdue: boolean;
  /** 督办台 only: the chase as a tag, and how long it has been overdue. */
  chaseLabel?: string;
  chaseTag?: TagType;
  overdueText?: string;
}

/** Staff words: which deadline the row shows, e.g. “县人社局 12月4日前签收”. */
function staffNext(s: RequestSummary): string {
  if (s.paused) return '计时已暂停';
  const by = formatDeadline(s.dueAt);
  const unit = s.unitName ? `${s.unitName} ` : '';
  switch (s.dueKind) {
    case 'route':
      return `${by}前派单`;
    case 'accept':
      return `${unit}${by}前签收`;
    case 'answer':
      return `${unit}${by}前答复`;
    case 'review':
      return `${by}前作出复查复核意见`;
    default:
      return '';
  }
}

/** The resident's words: what happens next and by when, e.g. “县人社局最晚12月14日答复您”. */
function residentNext(s: RequestSummary): string {
  if (s.paused) return '暂停办理，等您补充情况';
  const by = formatDeadline(s.dueAt);
  const unit = s.unitName ?? '办理单位';
  switch (s.dueKind) {
    case 'route':
      return `${by}前转给办理单位`;
    case 'accept':
      return `已转给${unit}，${by}前接手办理`;
    case 'answer':
      return `${unit}最晚${by}答复您`;
    case 'review':
      return `最晚${by}给您复查复核意见`;
    default:
      return s.status === 'replied' ? '已经答复，请您评价' : '';
  }
}

/** A row of a staff list (工作台, 派单台, 督办台). */
export function toRow(s: RequestSummary): RequestRow {
  return {
    id: s.id,
    no: s.no,
    title: s.title,
    meta: `${s.category} · ${s.unitName ?? '等待派单'}`,
    statusLabel: statusLabel(s.status),
    statusTag: statusTag(s.status),
    next: staffNext(s),
    overdue: s.overdue,
  };
}

/** A row of 我的诉求, in the resident's words. */
export function toMyRow(s: RequestSummary): RequestRow {
  return {
    id: s.id,
    no: s.no,
    title: s.title,
    meta: s.unitName ? `${s.category} · ${s.unitName}` : s.category,
    statusLabel: RESIDENT_STATUS_LABELS[s.status],
    statusTag: statusTag(s.status),
    next: residentNext(s),
    overdue: s.overdue,
  };
}
