/**
 * The keyed hash that tells respondents apart without naming them (survey responses, 三问 votes).
 * It needs two secrets kept in two places: the survey's or consultation's own random key, on its
 * document while it is open and destroyed when it closes, and the deployment's ballot secret, which
 * the functions read from their environment (LIANXIN_BALLOT_SECRET: set by `npm run deploy`, made by
 * the local cloud) and which is never written to the database. A copy of the database alone cannot
 * test a person against the answers, nor can the secret alone; after the close, nothing can.
 */
import { createHmac, randomBytes } from 'crypto';
import { AppError } from './errors';

export const BALLOT_SECRET_VAR = 'LIANXIN_BALLOT_SECRET';
/** Shorter would let someone holding a copy of the database guess it. */
export const BALLOT_SECRET_MIN = 32;

/**
 * How a document's ballots are keyed. 'deployment': the document's key with the deployment's
 * secret. Absent on a survey or consultation published before the secret existed: its key alone,
 * so that whoever answered then is still recognised until it closes.
 */
type Keying = 'deployment';

/** Where the ballot key and its keying sit on a survey or consultation. */
export interface Ballot {
  ballotKey?: string;
  keying?: Keying;
}

function deploymentSecret(): string {
  const secret = process.env[BALLOT_SECRET_VAR] ?? '';
  // Without it a response would be keyed by the database alone: refuse rather than weaken anonymity.
  if (secret.length < BALLOT_SECRET_MIN) throw new AppError('INTERNAL', '调查暂不可用：系统的匿名密钥未配置，请联系管理员');
  return secret;
}

/**
 * The ballot of `who` (an openid, or a phase and an openid): the same person always gets the same
 * one on a document, no one without both secrets can compute it; null once the key is destroyed.
 */
export function ballotOf(doc: Ballot, who: string): string | null {
  if (!doc.ballotKey) return null;
  const key = doc.keying === 'deployment' ? createHmac('sha256', deploymentSecret()).update(doc.ballotKey).digest() : doc.ballotKey;
  return createHmac('sha256', key).update(who).digest('hex');
}

/** A new document's key and its keying (written together, when it starts taking answers). */
export function newBallot(): Required<Ballot> {
  deploymentSecret(); // not configured: nothing is published that could not be answered
  return { ballotKey: randomBytes(32).toString('base64url'), keying: 'deployment' };
}
