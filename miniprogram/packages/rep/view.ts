/** How the representatives' pages show an opinion, a proposal and a unit's answer: one place for their words. */
import type { OpinionView, ProposalSummary } from '../../../typings/index';
import { STATUS_LABELS } from '../../shared/domain';
import { OPINION_STATUS_LABELS, PROPOSAL_STATUS_LABELS } from '../../shared/reps';
import { PHONE_MESSAGE, PHONE_PATTERN, textProblem } from '../../shared/limits';
import { REP_TEXT } from '../../shared/reps';
import { formatDateTime } from '../../utils/format';

export interface OpinionRow {
  id: string;
  version: number;
  content: string;
  status: string;
  open: boolean;
  via: string;
  at: string;
  who: string;
  claimCode: string;
  proposal: string;
  outcomes: { unit: string; status: string; reply: string }[];
}

export function opinionRow(o: OpinionView): OpinionRow {
  return {
    id: o.id,
    version: o.version,
    content: o.content,
    status: OPINION_STATUS_LABELS[o.status],
    open: o.status === 'open',
    via: o.via === 'card' ? `扫码留言给${o.repName}` : `${o.repName}走访代录`,
    at: formatDateTime(o.at),
    who: o.constituent ? `${o.constituent.name} ${o.constituent.phone}` : '',
    claimCode: o.claimCode ?? '',
    proposal: o.proposal ? `${o.proposal.kind}《${o.proposal.title}》${PROPOSAL_STATUS_LABELS[o.proposal.status]}` : '',
    outcomes: o.outcomes.map((x) => ({ unit: x.unitName, status: STATUS_LABELS[x.status], reply: x.reply ?? '' })),
  };
}

export const proposalRow = (p: ProposalSummary) => ({
  id: p.id,
  title: `${p.kind}《${p.title}》`,
  meta: `${p.groupName} · ${p.opinionCount}条群众意见 · ${formatDateTime(p.createdAt)}`,
  status: PROPOSAL_STATUS_LABELS[p.status],
});

/** What is wrong with an opinion and its (optional) name and phone as typed, or null. */
export const opinionProblem = (content: string, name: string, phone: string): string | null =>
  textProblem(REP_TEXT.opinion, content) ??
  (name.trim() ? textProblem(REP_TEXT.contactName, name) : null) ??
  (phone.trim() && !PHONE_PATTERN.test(phone.trim()) ? PHONE_MESSAGE : null);

/** The optional name and phone as the functions take them: left out when not typed. */
export const contactOf = (name: string, phone: string): { contactName?: string; contactPhone?: string } => ({
  ...(name.trim() ? { contactName: name.trim() } : {}),
  ...(phone.trim() ? { contactPhone: phone.trim() } : {}),
});
