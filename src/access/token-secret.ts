// Token strings: "piku_<id>_<secret>", where the secret is 32 random bytes in base64url. The store
// keeps only the SHA-256 of the secret. A slow KDF (scrypt, argon2) guards guessable passwords.
// A 256-bit random secret cannot be guessed, so one fast hash is enough and keeps each HTTP request cheap.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PATTERN = /^piku_(\d{1,12})_([A-Za-z0-9_-]{43})$/;

export interface TokenParts {
  id: number;
  secret: string;
}

// Creates a secret for a new token; its id comes later from the insert, see formatToken.
export function createTokenSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');

  return { secret, hash: hashSecret(secret) };
}

// e.g. (7, "Yx3...") -> "piku_7_Yx3..."
export function formatToken(id: number, secret: string): string {
  return `piku_${id}_${secret}`;
}

// Splits a token string, or returns undefined when it does not have the token's shape.
export function parseToken(text: string): TokenParts | undefined {
  const match = TOKEN_PATTERN.exec(text);

  return match ? { id: Number(match[1]), secret: match[2]! } : undefined;
}

// Compares in constant time, so the response time reveals nothing about how much of a guess matched.
export function isSecretMatching(secret: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');

  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
