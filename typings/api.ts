/**
 * The contract between the mini-program and the cloud functions: every function, its actions,
 * and each action's request and response. Times are epoch milliseconds.
 */
import type { CadreLevel, RequestCategory, RequestEventType, RequestStatus, Role, Score, Urgency } from './domain';

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null when there is none. */
  cursor: string | null;
}

export interface Me {
  roles: Role[];
  unitId: string | null;
  unitName: string | null;
  name: string | null;
  level: CadreLevel | null;
}

export interface CardView {
  id: string;
  scene: string;
  unitId: string;
  unitName: string;
  scope: string;
  duties: string;
  responsible: string;
  /** Work phones printed on the card (public by S7.2). */
  phone: string;
  supervisionPhone: string;
  updatedAt: number;
}

export interface UnitView {
  id: string;
  name: string;
  kind: string;
}

export interface RegionView {
  id: string;
  name: string;
  parentId: string | null;
}

export interface RequestSummary {
  id: string;
  no: string;
  category: RequestCategory;
  status: RequestStatus;
  title: string;
  unitName: string | null;
  createdAt: number;
  dueAt: number;
  overdue: boolean;
  version: number;
}

export interface TimelineEntry {
  type: RequestEventType;
  at: number;
  /** Who acted, as the other side may see it: a role label and unit, never a resident's identity. */
  actor: string;
  note: string | null;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus;
}

export interface RequestDetail extends RequestSummary {
  content: string;
  photos: string[];
  confidential: boolean;
  mayContact: boolean;
  regionName: string | null;
  cardId: string | null;
  acceptDueAt: number;
  reply: string | null;
  repliedAt: number | null;
  rating: { score: Score; comment: string | null; at: number } | null;
  timeline: TimelineEntry[];
  /** What the caller may do next, decided by the server. */
  can: RequestAction[];
  /** Shown to cadres only: masked, or 保密 when the petitioner must stay unknown to this unit. */
  petitioner: { name: string; phone: string } | null;
}

export type RequestAction = 'withdraw' | 'rate' | 'accept' | 'reply' | 'return' | 'transfer' | 'dispatch';

export interface SubmitInput {
  /** Client-generated id: the same id always yields the same request. */
  clientId: string;
  category: RequestCategory;
  content: string;
  photos?: string[];
  /** The card scanned, by its scene key; without it, regionId routes by the catalogue. */
  scene?: string;
  regionId?: string;
  urgency?: Urgency;
  confidential: boolean;
  mayContact: boolean;
  contactName?: string;
  contactPhone?: string;
}

export interface SubmitResult {
  id: string;
  no: string;
  status: RequestStatus;
  dueAt: number;
  /** True when this clientId had already been submitted. */
  duplicate: boolean;
}

export interface Versioned {
  id: string;
  version: number;
}

/** Every function, its actions, and their request/response types. */
export interface Api {
  user: {
    me: { req: Record<string, never>; res: Me };
    bindInvite: { req: { code: string; name: string }; res: Me };
  };
  county: {
    card: { req: { scene: string }; res: CardView };
    unitCards: { req: Record<string, never>; res: CardView[] };
    units: { req: Record<string, never>; res: UnitView[] };
    regions: { req: { parentId?: string }; res: RegionView[] };
  };
  request: {
    submit: { req: SubmitInput; res: SubmitResult };
    mine: { req: { cursor?: string }; res: Page<RequestSummary> };
    detail: { req: { id: string }; res: RequestDetail };
    withdraw: { req: Versioned & { reason?: string }; res: RequestDetail };
    rate: { req: Versioned & { score: Score; comment?: string }; res: RequestDetail };
    inbox: { req: { box: 'todo' | 'done'; cursor?: string }; res: Page<RequestSummary> };
    accept: { req: Versioned; res: RequestDetail };
    reply: { req: Versioned & { reply: string }; res: RequestDetail };
    return: { req: Versioned & { reason: string }; res: RequestDetail };
    transfer: { req: Versioned & { unitId: string; reason: string }; res: RequestDetail };
  };
  admin: {
    queue: { req: { cursor?: string }; res: Page<RequestSummary> };
    dispatch: { req: Versioned & { unitId: string; note?: string }; res: RequestDetail };
    createInvite: { req: { unitId: string; level: CadreLevel }; res: { code: string; expiresAt: number } };
  };
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionReq<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { req: infer R } ? R : never;
export type ActionRes<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { res: infer R } ? R : never;

/** The event a function receives. */
export type CallEvent<F extends FunctionName, A extends ActionName<F>> = { action: A } & ActionReq<F, A>;
