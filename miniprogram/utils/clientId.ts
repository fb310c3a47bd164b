/**
 * A submission's own id, made once per form: a retry after a network error re-sends it, and the
 * server answers with the request it already made instead of a second one.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function newClientId(): string {
  let random = '';
  for (let i = 0; i < 16; i += 1) random += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return `${Date.now().toString(36)}-${random}`;
}
