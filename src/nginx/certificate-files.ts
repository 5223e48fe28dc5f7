// An app's certificate and key, nginx/<app>.crt and nginx/<app>.key: reading what is installed,
// making a self-signed pair with the openssl CLI, and writing a pair in place.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PIKU_ERR_CERTS_SELF_SIGNED_FAILED } from '../errors/codes.js';
import { runFile } from '../process/run-file.js';

export interface CertificatePair {
  /** PEM text: the certificate, followed by its chain for an ACME certificate. */
  certificate: string;
  /** PEM text of the private key. */
  key: string;
}

export interface CertificateFiles {
  certificate: string;
  key: string;
}

export interface CertificateInfo {
  /** DNS names of the subjectAltName extension, lowercase. */
  names: string[];
  notAfter: Date;
  isSelfSigned: boolean;
}

const SELF_SIGNED_DAYS = 365;
// The X.509 common name is limited to 64 characters. Clients read the names from subjectAltName.
const MAX_COMMON_NAME_LENGTH = 64;

// Reads the installed certificate, or returns null when the pair is missing, unreadable or mismatched.
export function readCertificate(files: CertificateFiles): CertificateInfo | null {
  if (!existsSync(files.certificate) || !existsSync(files.key)) return null;

  try {
    const certificate = new X509Certificate(readFileSync(files.certificate));
    if (!certificate.checkPrivateKey(createPrivateKey(readFileSync(files.key)))) return null;

    return {
      names: getDnsNames(certificate.subjectAltName ?? ''),
      notAfter: new Date(certificate.validTo),
      isSelfSigned: certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey),
    };
  } catch {
    return null;
  }
}

// True when the certificate covers exactly `names`, in any order and case.
export function hasSameNames(info: CertificateInfo, names: string[]): boolean {
  const wanted = new Set(names.map((name) => name.toLowerCase()));

  return info.names.length === wanted.size && info.names.every((name) => wanted.has(name));
}

// Makes a self-signed ECDSA P-256 pair for `names` with `openssl req`; names were validated as host names.
export async function createSelfSignedCertificate(app: string, names: string[]): Promise<CertificatePair> {
  const directory = mkdtempSync(path.join(tmpdir(), 'piku-cert-'));
  const files = { certificate: path.join(directory, 'cert.pem'), key: path.join(directory, 'key.pem') };
  const commonName = names[0]!.length <= MAX_COMMON_NAME_LENGTH ? names[0]! : app;
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', String(SELF_SIGNED_DAYS)];
  args.push('-keyout', files.key, '-out', files.certificate, '-subj', `/CN=${commonName}`);
  args.push('-addext', `subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`);

  try {
    const result = await runFile('openssl', args);
    if (result.exitCode !== 0) throw PIKU_ERR_CERTS_SELF_SIGNED_FAILED(app, result.output || `openssl exited with status ${result.exitCode}`);

    return { certificate: readFileSync(files.certificate, 'utf8'), key: readFileSync(files.key, 'utf8') };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// Writes both files, each by a rename, and returns a function that puts the previous pair back.
export function writeCertificate(files: CertificateFiles, pair: CertificatePair): () => void {
  const previous = readPair(files);
  writeSecretFile(files.key, pair.key);
  writeSecretFile(files.certificate, pair.certificate);

  return () => {
    for (const [file, text] of [[files.key, previous.key], [files.certificate, previous.certificate]] as const) {
      if (text === null) rmSync(file, { force: true });
      else writeSecretFile(file, text);
    }
  };
}

function readPair(files: CertificateFiles): { certificate: string | null; key: string | null } {
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : null);

  return { certificate: read(files.certificate), key: read(files.key) };
}

// Mode 0600 from the first byte: the temporary file is created with it, then renamed over the target.
function writeSecretFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

// "DNS:a.example, DNS:b.example, IP Address:127.0.0.1" -> ["a.example", "b.example"].
function getDnsNames(subjectAltName: string): string[] {
  return subjectAltName
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length).toLowerCase());
}
