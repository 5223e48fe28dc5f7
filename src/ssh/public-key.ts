// Parses one OpenSSH public key line ("ssh-ed25519 AAAA... comment") and computes its SHA256
// fingerprint the way `ssh-keygen -l` prints it, so the CLI needs no ssh-keygen process.
import { createHash } from 'node:crypto';
import { PIKU_ERR_SSH_KEY_INVALID } from '../errors/codes.js';

export interface PublicKey {
  type: string;
  /** Base64 of the key blob, as in authorized_keys. */
  blob: string;
  comment: string;
  /** e.g. "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU" */
  fingerprint: string;
}

const KEY_TYPE = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)$/;

export function parsePublicKey(text: string, source: string): PublicKey {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length !== 1) throw PIKU_ERR_SSH_KEY_INVALID(source, `expected one key line, found ${lines.length}`);

  const [type = '', blob = '', ...comment] = lines[0]!.split(/\s+/);
  if (!KEY_TYPE.test(type)) throw PIKU_ERR_SSH_KEY_INVALID(source, `key type "${type.slice(0, 40)}" is not supported`);

  const decoded = Buffer.from(blob, 'base64');
  if (!/^[A-Za-z0-9+/]+=*$/.test(blob) || readBlobType(decoded) !== type) {
    throw PIKU_ERR_SSH_KEY_INVALID(source, 'the key data is damaged');
  }

  const digest = createHash('sha256').update(decoded).digest('base64').replace(/=+$/, '');

  return { type, blob, comment: comment.join(' '), fingerprint: `SHA256:${digest}` };
}

// A key blob starts with its type as an SSH string: a 4-byte big-endian length, then the bytes.
function readBlobType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;

  const length = blob.readUInt32BE(0);
  if (length > 64 || blob.length < 4 + length) return undefined;

  return blob.subarray(4, 4 + length).toString('latin1');
}
