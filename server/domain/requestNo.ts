/**
 * Human-readable request numbers, e.g. 20261126-K7M3QX: the county date plus six characters a
 * resident can read over the phone (no 0/O, 1/I/L). Uniqueness is enforced by the database index.
 */
import { createHash } from 'crypto';
import { countyTime } from './calendar';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function requestNo(seed: string, atMs: number, attempt = 0): string {
  const digest = createHash('sha256').update(`${seed}#${attempt}`).digest();
  let tail = '';
  for (let i = 0; i < 6; i += 1) tail += ALPHABET[digest[i]! % ALPHABET.length];
  return `${countyTime(atMs).format('YYYYMMDD')}-${tail}`;
}

/** A request's _id from who submitted it and their client id: the same submission, the same id. */
export function requestId(openid: string, clientId: string): string {
  return createHash('sha256').update(`${openid}\n${clientId}`).digest('hex').slice(0, 24);
}
