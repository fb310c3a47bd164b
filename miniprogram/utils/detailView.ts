/** A request detail as the detail, handle and dispatch pages render it. */
import type { RequestDetail } from '../../typings/index';
import { EVENT_LABELS, RESIDENT_EVENT_LABELS, RESIDENT_STATUS_LABELS, SCORE_LABELS, isBadScore } from '../shared/domain';
import { formatDateTime, formatDeadline } from './format';
import { statusLabel, statusTag, type TagType } from './status';

export interface DetailView {
  no: string;
  statusLabel: string;
  /** The status in the petitioner's words (已转给单位, 正在办理…). */
  plainStatus: string;
  statusTag: TagType;
  category: string;
  content: string;
  photos: string[];
  unitName: string;
  regionName: string;
  createdAt: string;
  acceptDue: string;
  /** The signing deadline has passed unsigned. */
  acceptOver: boolean;
  /** The answer deadline (答复时限), whatever binds now. */
  due: string;
  overdue: boolean;
  /** The county's words for the deadline policy, e.g. “一般诉求：1个工作日内签收，7个工作日内答复”. */
  policyLabel: string;
  /** 退单 deadline, while 退单 is still thinkable (assigned or accepted); '' otherwise. */
  objectDue: string;
  /** The extension as the handling side reads it ('' when none). */
  extensionText: string;
  /** The extension as the petitioner reads it: only once approved, with its reason. */
  extensionApproved: string;
  paused: boolean;
  /** The surviving request's id after 并单 ('' when not merged). */
  mergedInto: string;
  /** 复查/复核 state in words ('' when none). */
  reviewText: string;
  /** The chase as a tag for the handling side ('' when none). */
  chaseLabel: string;
  chaseTag: TagType;
  confidential: boolean;
  reply: string;
  repliedAt: string;
  /** `resolved`: 问题已解决 / 问题没有解决 ('' on ratings from before it was asked). */
  rating: { label: string; resolved: string; comment: string; bad: boolean } | null;
  petitioner: { name: string; phone: string } | null;
  /** 谁查看过我的联系方式 (the petitioner only): one line per look; null for anyone else. */
  viewers: { key: string; text: string }[] | null;
  /** 书面答复: how and when the answer reached a petitioner without the app ('' when not by letter). */
  delivery: string;
  /** A registered 信访 item nobody has claimed on the app yet. */
  unclaimed: boolean;
  /**
   * 阅批 (S4.1): who read it, and (staff and the leader) 重要来信, the 信访局's note and the 批示;
   * the petitioner's line says only that a leader read it or gave a 批示.
   */
  leader: { who: string; plain: string; important: boolean; note: string; instruction: string; instructed: string } | null;
  /** 联合办理: each co-handling unit and its part (staff), and the line the petitioner reads ('' when one unit handles it). */
  coParts: { key: string; unit: string; answer: string; at: string }[];
  coPlain: string;
  /** `plainTitle`: the entry in the petitioner's words. */
  timeline: { key: string; title: string; plainTitle: string; actor: string; time: string; note: string }[];
}

/** How far the chase has gone (RequestDetail.chase): 0 none, 1 reminded, 2 催办, 3 督办, 4 通报. */
const CHASE_LABELS: readonly string[] = ['', '即将到期', '已催办', '已督办', '已通报'];
const CHASE_TAGS: readonly TagType[] = ['default', 'warning', 'danger', 'danger', 'danger'];

export const chaseLabel = (level: number): string => CHASE_LABELS[level] ?? (level > 0 ? '已通报' : '');
export const chaseTag = (level: number): TagType => CHASE_TAGS[level] ?? 'danger';

function extensionText(e: RequestDetail['extension']): string {
  if (!e) return '';
  if (e.state === 'asked') return `已申请延期${e.days}日，等待单位负责人审批：${e.reason}`;
  if (e.state === 'approved') return `已批准延期${e.days}日：${e.reason}`;
  return `延期${e.days}日的申请未获批准`;
}

function reviewText(d: RequestDetail): string {
  const r = d.review;
  if (!r) return '';
  const which = r.level >= 2 ? '复核' : '复查';
  if (d.status === 'reviewing') return `正在${which}，${formatDateTime(r.dueAt)}前答复`;
  if (r.askDueAt) return `如对答复不服，可在${formatDateTime(r.askDueAt)}前申请${r.level >= 1 ? '复核' : '复查'}`;
  return r.level > 0 ? `已${which}` : '';
}

export function toDetailView(d: RequestDetail): DetailView {
  return {
    no: d.no,
    statusLabel: statusLabel(d.status),
    plainStatus: RESIDENT_STATUS_LABELS[d.status],
    statusTag: statusTag(d.status),
    // 信访 items say how they came in (来信/来访); app requests need no label.
    category: d.source === '小程序' ? d.category : `${d.category} · ${d.source}`,
    content: d.content,
    photos: d.photos,
    unitName: d.unitName ?? '等待调度中心派单',
    regionName: d.regionName ?? '',
    createdAt: formatDateTime(d.createdAt),
    acceptDue: formatDateTime(d.acceptDueAt),
    acceptOver: d.overdue && d.status === 'assigned',
    due: formatDateTime(d.answerDueAt),
    overdue: d.overdue && d.status !== 'assigned',
    policyLabel: d.policyLabel,
    objectDue: d.status === 'assigned' || d.status === 'accepted' ? (d.objectDueAt ? formatDateTime(d.objectDueAt) : '答复前均可退单') : '',
    extensionText: extensionText(d.extension),
    extensionApproved: d.extension?.state === 'approved' ? `已延期${d.extension.days}日：${d.extension.reason}` : '',
    paused: d.paused,
    mergedInto: d.mergedInto ?? '',
    reviewText: reviewText(d),
    chaseLabel: chaseLabel(d.chase),
    chaseTag: chaseTag(d.chase),
    confidential: d.confidential,
    reply: d.reply ?? '',
    repliedAt: d.repliedAt ? formatDateTime(d.repliedAt) : '',
    rating: d.rating
      ? {
          label: SCORE_LABELS[d.rating.score],
          resolved: d.rating.resolved === null ? '' : d.rating.resolved ? '问题已解决' : '问题没有解决',
          comment: d.rating.comment ?? '',
          bad: isBadScore(d.rating.score),
        }
      : null,
    petitioner: d.petitioner,
    viewers: d.viewers
      ? d.viewers.map((v, i) => ({ key: String(i), text: `${v.unit ? `${v.unit} ` : ''}${v.role} · ${formatDateTime(v.at)}` }))
      : null,
    delivery: d.delivery
      ? `已于${formatDateTime(d.delivery.at)}${d.delivery.method === '当面' ? '当面送达' : `${d.delivery.method}送达`}`
      : '',
    unclaimed: d.unclaimed,
    leader: d.leader
      ? {
          who: `${d.leader.name}（${d.leader.title}）`,
          plain: d.leader.instructedAt ? `${d.leader.name}已作批示，办理单位按批示办理` : `已送${d.leader.name}阅批`,
          important: d.leader.important === true,
          note: d.leader.note ?? '',
          instruction: d.leader.instruction ?? '',
          instructed: d.leader.instructedAt ? formatDateTime(d.leader.instructedAt) : '',
        }
      : null,
    coParts: d.coUnits.map((c) => ({
      key: c.unitId,
      unit: c.unitName,
      answer: c.answer ?? '',
      at: c.answeredAt ? formatDateTime(c.answeredAt) : '',
    })),
    coPlain: d.coUnits.length ? `${d.unitName ?? ''}牵头，${d.coUnits.map((c) => c.unitName).join('、')}协助办理` : '',
    // Newest first: what happened last is what people look for.
    timeline: d.timeline
      .map((t, i) => ({
        key: String(i),
        title: EVENT_LABELS[t.type],
        plainTitle: RESIDENT_EVENT_LABELS[t.type] ?? EVENT_LABELS[t.type],
        actor: t.actor,
        time: formatDateTime(t.at),
        note: t.note ?? '',
      }))
      .reverse(),
  };
}

/**
 * What happens next and by when, as the petitioner reads it (plain words, no 签收/时限): '' once
 * nothing more is owed to them.
 */
export function nextForResident(d: RequestDetail): string {
  const unit = d.unitName ?? '办理单位';
  if (d.paused) return `${unit}在等您补充情况，补充后接着办理。`;
  switch (d.status) {
    case 'submitted':
    case 'returned':
      return `正在找管这件事的单位，${formatDeadline(d.dueAt)}前转过去。`;
    case 'assigned':
      return `已转给${unit}。${unit}${formatDeadline(d.acceptDueAt)}前接手办理，最晚${formatDeadline(d.answerDueAt)}答复您。`;
    case 'accepted':
      return `${unit}正在办理，最晚${formatDeadline(d.answerDueAt)}答复您。`;
    case 'reopened':
      return `${unit}正在重新办理，最晚${formatDeadline(d.answerDueAt)}答复您。`;
    case 'reviewing':
      return `正在复查，最晚${formatDeadline(d.dueAt)}给您意见。`;
    case 'replied':
      return d.can.includes('rate') ? '已经答复了，请看下面的答复，再告诉我们问题解决了没有。' : '';
    default:
      return '';
  }
}
