/**
 * The petitioner of a registered 信访 item is a person, not the admin who registered it (S4.1): the
 * 受理告知 carries a claim code and its 小程序码; whoever scans it follows the item as their own.
 * For a petitioner without the app the answer is delivered by letter, SMS or in person (书面答复).
 * And the looks at a petitioner's contact details: the dispatcher's reveal, with a stated reason.
 */
import type { RequestDetail } from '../typings';
import { casUpdate, findMany, _ } from './db';
import { AppError, conflict } from './errors';
import { readableCode } from './invites';
import { appendEvent, auditEvent, loadVisible, partiesOf, toDetail, type RequestDoc } from './requests';
import type { Ctx } from './serve';
import { miniProgramCode } from './wxacode';

/** The page a 受理告知's 小程序码 opens; its scene is `k-` and the claim code. */
const CLAIM_PAGE = 'packages/request/claim/index';
const CLAIM_SCENE_PREFIX = 'k-';

/** A new claim code (8 readable characters; a clash is as likely as guessing one). */
export const newClaimCode = (): string => readableCode();

/** 认领: the caller becomes the item's petitioner; the same person again gets the same item. */
export async function claim({ caller, now }: Ctx, code: string): Promise<RequestDetail> {
  const [doc] = await findMany<RequestDoc>('requests', { claimCode: code }, { limit: 1 });
  if (!doc) throw new AppError('NOT_FOUND', '认领码不正确，请核对受理告知上的认领码');
  if (doc.requesterId === caller.openid) return toDetail(doc, caller, partiesOf(doc, caller), now);
  const petition = doc.channel === '信访';
  if (doc.requesterId !== null) throw new AppError('CONFLICT', petition ? '这件信访事项已被认领' : '这件事项已被认领');
  const event = auditEvent(doc, 'claim', { actorId: caller.openid, actorRole: 'resident', actorUnit: null }, now, {
    // A party member's 代办 (S6.1) is claimed by the resident it was made for, with the member's code.
    note: petition ? '信访人在小程序中认领' : '群众在小程序中认领',
  });
  const ok = await casUpdate('requests', doc._id, doc.version, { requesterId: caller.openid, updatedAt: now, events: _.push([event]) });
  if (!ok) throw conflict();
  const next: RequestDoc = { ...doc, requesterId: caller.openid, version: doc.version + 1, events: [...doc.events, event] };
  return toDetail(next, caller, partiesOf(next, caller), now);
}

/** The 受理告知 of a registered item, for the dispatcher to print or hand over. */
export async function claimNotice({ caller }: Ctx, id: string): Promise<{ code: string; image: string; scene: string; notice: string }> {
  const { doc } = await loadVisible(id, caller);
  if (doc.channel !== '信访' || !doc.claimCode) throw new AppError('NOT_FOUND', '这件事项没有受理告知（只有登记的信访事项才有）');
  const scene = `${CLAIM_SCENE_PREFIX}${doc.claimCode}`;
  const notice = `受理告知：您反映的事项已登记，编号${doc.no}。用微信扫描下方小程序码，或在“连心”小程序中输入认领码${doc.claimCode}，即可查看办理进度、答复和评价。请妥善保管本告知，认领码只给信访人本人。`;
  return { code: doc.claimCode, image: await miniProgramCode(scene, CLAIM_PAGE), scene, notice };
}

/**
 * 调阅联系方式: the dispatcher sees a petitioner's name and phone — even a confidential one — with a
 * stated reason, recorded as an audit event the petitioner is shown; never someone of the accused unit.
 */
export async function reveal({ caller, now }: Ctx, id: string, reason: string): Promise<{ name: string | null; phone: string | null }> {
  const doc = await appendEvent(id, caller, now, (d, parties) => {
    if (!parties.includes('dispatcher')) throw new AppError('FORBIDDEN');
    if (d.subjectUnitId !== null && d.subjectUnitId === caller.unitId)
      throw new AppError('FORBIDDEN', '被投诉单位不能查看投诉人的联系方式');
    if (!d.contactName && !d.contactPhone) throw new AppError('CONFLICT', '群众没有留下联系方式');
    return { type: 'reveal', as: 'dispatcher', note: reason, unit: caller.unitName };
  });
  return { name: doc.contactName, phone: doc.contactPhone };
}
