/** How the party members' pages show a pair and an entry of the minute: one place for their words. */
import type { DutyView, PairCount, PairView, TeamView, VolActivityView } from '../../../typings/index';
import { RESIDENT_STATUS_LABELS } from '../../shared/domain';
import { PAIR_STATUS_LABELS } from '../../shared/volunteers';

export interface PairRow {
  id: string;
  name: string;
  phone: string;
  place: string;
  status: string;
  active: boolean;
  duties: string;
}

export const pairRow = (p: PairView): PairRow => ({
  id: p.id,
  name: p.name,
  phone: p.phone,
  place: `${p.regionName} ${p.address}`,
  status: PAIR_STATUS_LABELS[p.status],
  active: p.status === 'active',
  duties: p.duties ? `已服务${p.duties}次` : '还没有服务记录',
});

export interface DutyRow {
  id: string;
  kind: string;
  head: string;
  content: string;
  outcome: string;
  consent: string;
  request: string;
  reply: string;
  claimCode: string;
}

export function dutyRow(d: DutyView): DutyRow {
  const r = d.request;
  return {
    id: d.id,
    kind: d.kind,
    head: `${d.date} · ${d.residentName}`,
    content: d.content,
    outcome: d.outcome ?? '',
    consent: d.consent ? `群众${d.consent}` : '',
    request: r ? `${r.unitName ?? '调度中心'}：${RESIDENT_STATUS_LABELS[r.status]}（编号${r.no}）${r.claimed ? '，群众已认领' : ''}` : '',
    reply: r?.reply ?? '',
    claimCode: r?.claimCode ?? '',
  };
}

/** Where a member stands against the pair range (S6.1: 10–20), in words; '' within it. */
export function pairFlag(c: PairCount): string {
  if (c.flag === 'below') return `结对群众不足${c.min}户，还差${c.min - c.active}户`;
  if (c.flag === 'above') return `结对群众超过${c.max}户，请联系党支部调整`;
  return '';
}

export interface TeamRow {
  id: string;
  name: string;
  skill: string;
  organizer: string;
  leaderName: string;
  members: number;
  mine: string;
  progress: string;
  behind: boolean;
}

export const teamRow = (t: TeamView): TeamRow => ({
  id: t.id,
  name: t.name,
  skill: t.skill,
  organizer: t.organizer,
  leaderName: t.leaderName,
  members: t.members,
  mine: t.isLeader ? '我是队长' : t.isMember ? '已加入' : '',
  progress: `${t.year}年已开展活动${t.held}次（每年至少${t.target}次）`,
  behind: t.held < t.target,
});

export interface ActivityRow {
  id: string;
  title: string;
  when: string;
  place: string;
  places: string;
  status: string;
  mine: string;
  canSignUp: boolean;
}

export const activityRow = (a: VolActivityView, today: string): ActivityRow => ({
  id: a.id,
  title: a.title,
  when: `${a.date}${a.serviceDay ? '（党员志愿服务日）' : ''}`,
  place: a.place,
  places: a.status === 'held' ? `已签到${a.checkedIn}人` : `已报名${a.signedUp}/${a.capacity}人`,
  status: a.status === 'held' ? '已开展' : '报名中',
  mine: a.mine === 'checkedIn' ? '我已签到' : a.mine === 'signedUp' ? '我已报名' : '',
  canSignUp: a.mine === 'none' && a.date >= today && a.signedUp < a.capacity,
});
