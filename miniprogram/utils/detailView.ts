/** A request detail as the detail, handle and dispatch pages render it. */
import { EVENT_LABELS, SCORE_LABELS, type RequestDetail } from '../../typings/index';
import { formatDateTime } from './format';
import { statusLabel, statusTag, type TagType } from './status';

export interface DetailView {
  no: string;
  statusLabel: string;
  statusTag: TagType;
  category: string;
  content: string;
  photos: string[];
  unitName: string;
  regionName: string;
  createdAt: string;
  acceptDue: string;
  due: string;
  overdue: boolean;
  confidential: boolean;
  reply: string;
  repliedAt: string;
  rating: { label: string; comment: string; bad: boolean } | null;
  petitioner: { name: string; phone: string } | null;
  timeline: { key: string; title: string; actor: string; time: string; note: string }[];
}

export function toDetailView(d: RequestDetail): DetailView {
  return {
    no: d.no,
    statusLabel: statusLabel(d.status),
    statusTag: statusTag(d.status),
    category: d.category,
    content: d.content,
    photos: d.photos,
    unitName: d.unitName ?? '等待调度中心派单',
    regionName: d.regionName ?? '',
    createdAt: formatDateTime(d.createdAt),
    acceptDue: formatDateTime(d.acceptDueAt),
    due: formatDateTime(d.dueAt),
    overdue: d.overdue,
    confidential: d.confidential,
    reply: d.reply ?? '',
    repliedAt: d.repliedAt ? formatDateTime(d.repliedAt) : '',
    rating: d.rating ? { label: SCORE_LABELS[d.rating.score], comment: d.rating.comment ?? '', bad: d.rating.score >= 4 } : null,
    petitioner: d.petitioner,
    // Newest first: what happened last is what people look for.
    timeline: d.timeline
      .map((t, i) => ({ key: String(i), title: EVENT_LABELS[t.type], actor: t.actor, time: formatDateTime(t.at), note: t.note ?? '' }))
      .reverse(),
  };
}
