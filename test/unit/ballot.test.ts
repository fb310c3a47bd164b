/**
 * The ballot (server/ballot.ts): a survey's or consultation's key and the deployment's secret,
 * both needed to recognise a person; no secret, no ballot (and nothing published that could not be
 * answered); a document published before the secret existed keeps its key-alone ballots until it closes.
 */
import { createHmac } from 'crypto';
import { ballotOf, newBallot } from '../../server/ballot';

const SECRET = 'unit-test-ballot-secret-0123456789abcdef';
const saved = process.env.LIANXIN_BALLOT_SECRET;
afterEach(() => {
  if (saved === undefined) delete process.env.LIANXIN_BALLOT_SECRET;
  else process.env.LIANXIN_BALLOT_SECRET = saved;
});
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

test('the ballot needs both the document’s key and the deployment’s secret', () => {
  process.env.LIANXIN_BALLOT_SECRET = SECRET;
  const doc = newBallot();
  expect(doc.keying).toBe('deployment');
  const id = ballotOf(doc, 'openid-a');
  expect(id).toBe(hmac(hmac(SECRET, doc.ballotKey), 'openid-a').toString('hex'));
  expect(ballotOf(doc, 'openid-a')).toBe(id); // the same person, the same ballot
  expect(ballotOf(doc, 'openid-b')).not.toBe(id);
  // the key alone (a copy of the database) or the secret alone gives another hash
  expect(id).not.toBe(hmac(doc.ballotKey, 'openid-a').toString('hex'));
  expect(id).not.toBe(hmac(SECRET, 'openid-a').toString('hex'));
  // another deployment's secret: another ballot
  process.env.LIANXIN_BALLOT_SECRET = `${SECRET}-other`;
  expect(ballotOf(doc, 'openid-a')).not.toBe(id);
  // the key destroyed at close: no ballot at all
  expect(ballotOf({ keying: 'deployment' }, 'openid-a')).toBeNull();
});

test('without the secret (or a short one) nothing is keyed and nothing is published: INTERNAL in plain Chinese', () => {
  for (const value of [undefined, 'too-short']) {
    if (value === undefined) delete process.env.LIANXIN_BALLOT_SECRET;
    else process.env.LIANXIN_BALLOT_SECRET = value;
    expect(() => newBallot()).toThrow(expect.objectContaining({ code: 'INTERNAL', message: expect.stringContaining('匿名密钥未配置') }));
    expect(() => ballotOf({ ballotKey: 'k', keying: 'deployment' }, 'openid-a')).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  }
});

test('a survey published before the secret existed keeps recognising who answered by its key alone, until it closes', () => {
  delete process.env.LIANXIN_BALLOT_SECRET;
  expect(ballotOf({ ballotKey: 'old-key' }, 'openid-a')).toBe(hmac('old-key', 'openid-a').toString('hex'));
});
