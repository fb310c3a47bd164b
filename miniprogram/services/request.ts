import type { LetterSummary, Page, RequestDetail, RequestSummary, Score, SubmitInput, SubmitResult, Versioned } from '../../typings/index';
import { callCloud } from './cloud';

/** Submits a request; the same clientId never creates two. */
export const submitRequest = (input: SubmitInput): Promise<SubmitResult> => callCloud('request', 'submit', input);

/** One page of my own requests, newest first. */
export const fetchMyRequests = (cursor?: string): Promise<Page<RequestSummary>> => callCloud('request', 'mine', cursor ? { cursor } : {});

/** A request with its timeline and what I may do next. */
export const fetchRequest = (id: string): Promise<RequestDetail> => callCloud('request', 'detail', { id });

/** Temporary URLs of a request's photos (the storage rule lets only the uploader read the files). */
/** Voice input: my recording (in my own folder) as text; nothing is kept. */
export const transcribeRecording = async (fileID: string): Promise<string> => (await callCloud('request', 'transcribe', { fileID })).text;

export const fetchPhotoUrls = async (id: string): Promise<string[]> => (await callCloud('request', 'photos', { id })).urls;

/** Withdraws my request before it is answered. */
export const withdrawRequest = (v: Versioned, reason?: string): Promise<RequestDetail> =>
  callCloud('request', 'withdraw', reason ? { ...v, reason } : v);

/** Rates the answer: 问题解决了吗 (resolved) and the five-level 好差评 scale. */
export const rateRequest = (v: Versioned, resolved: boolean, score: Score, comment?: string): Promise<RequestDetail> =>
  callCloud('request', 'rate', comment ? { ...v, resolved, score, comment } : { ...v, resolved, score });

/** One page of my unit's requests: still to do, done, or (联合办理) those whose part my unit owes. */
export const fetchInbox = (box: 'todo' | 'done' | 'co', cursor?: string): Promise<Page<RequestSummary>> =>
  callCloud('request', 'inbox', cursor ? { box, cursor } : { box });

/** Signs for a request (签收). */
export const acceptRequest = (v: Versioned): Promise<RequestDetail> => callCloud('request', 'accept', v);

/** Answers a request (答复). */
export const replyRequest = (v: Versioned, reply: string): Promise<RequestDetail> => callCloud('request', 'reply', { ...v, reply });

/** Returns a mis-routed request to the dispatcher with a reason (退单). */
export const returnRequest = (v: Versioned, reason: string): Promise<RequestDetail> => callCloud('request', 'return', { ...v, reason });

/** Hands a request on to the responsible unit (转办). */
export const transferRequest = (v: Versioned, unitId: string, reason: string): Promise<RequestDetail> =>
  callCloud('request', 'transfer', { ...v, unitId, reason });

/** 查看联系方式: the petitioner's full name and phone, for the handling unit; recorded on the timeline. */
export const unmaskPetitioner = (id: string): Promise<{ name: string | null; phone: string }> => callCloud('request', 'unmask', { id });

/** Declines a request with the reason told to the petitioner (不予受理). */
export const rejectRequest = (v: Versioned, reason: string): Promise<RequestDetail> => callCloud('request', 'reject', { ...v, reason });

/** Folds this request into another one (并单); both requesters follow the surviving one. */
export const mergeRequest = (v: Versioned, intoId: string, note?: string): Promise<RequestDetail> =>
  callCloud('request', 'merge', note ? { ...v, intoId, note } : { ...v, intoId });

/** Likely duplicates of a request, to pick the one to merge into. */
export const fetchDuplicates = (id: string): Promise<RequestSummary[]> => callCloud('request', 'duplicates', { id });

/** Records a 回访 (follow-up call) and whether the petitioner is satisfied. */
export const revisitRequest = (v: Versioned, note: string, satisfied: boolean): Promise<RequestDetail> =>
  callCloud('request', 'revisit', { ...v, note, satisfied });

/** Asks the unit head for more time (申请延期); the server refuses more than the policy allows. */
export const askExtension = (v: Versioned, days: number, reason: string): Promise<RequestDetail> =>
  callCloud('request', 'extendAsk', { ...v, days, reason });

/** Approves or denies an asked extension (unit head or dispatcher). */
export const decideExtension = (v: Versioned, approve: boolean, note?: string): Promise<RequestDetail> =>
  callCloud('request', 'extendDecide', note ? { ...v, approve, note } : { ...v, approve });

/** Stops the clock while waiting for the petitioner or a hearing (暂停计时). */
export const pauseRequest = (v: Versioned, reason: string): Promise<RequestDetail> => callCloud('request', 'pause', { ...v, reason });

/** Starts the clock again; the deadline moves by the time paused (恢复计时). */
export const resumeRequest = (v: Versioned): Promise<RequestDetail> => callCloud('request', 'resume', v);

/** Asks for 复查 (then 复核) of a 信访 answer. */
export const askReview = (v: Versioned, reason: string): Promise<RequestDetail> => callCloud('request', 'reviewAsk', { ...v, reason });

/** 认领: the petitioner of a registered 信访 item follows it as their own, with its 受理告知's code. */
export const claimPetition = (code: string): Promise<RequestDetail> => callCloud('request', 'claim', { code });

/** 阅批: the letters sent to me (a leader) — to read (重要来信 first) or read. */
export const fetchLetters = (box: 'todo' | 'done', cursor?: string): Promise<Page<LetterSummary>> =>
  callCloud('request', 'letters', cursor ? { box, cursor } : { box });

/** My 批示 on a letter sent to me (once). */
export const instructRequest = (v: Versioned, instruction: string): Promise<RequestDetail> =>
  callCloud('request', 'instruct', { ...v, instruction });

/** 联合办理: my unit's part, as a co-handling unit (once). */
export const coReplyRequest = (v: Versioned, answer: string): Promise<RequestDetail> => callCloud('request', 'coReply', { ...v, answer });
