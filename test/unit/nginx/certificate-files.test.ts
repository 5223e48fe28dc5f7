import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { getLayout } from '../../../src/home/layout.js';
import { createSelfSignedCertificate, hasSameNames, readCertificate, writeCertificate } from '../../../src/nginx/certificate-files.js';
import { ensureCertificate, getCertificateFiles } from '../../../src/nginx/certificate-renewal.js';

const dir = mkdtempSync(path.join(tmpdir(), 'piku-certs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DAY_MS = 86_400_000;

test('certs: self-signed pair covers every name', async () => {
  const files = { certificate: path.join(dir, 'a.crt'), key: path.join(dir, 'a.key') };
  writeCertificate(files, await createSelfSignedCertificate('blog', ['blog.example.com', '*.blog.example.com']));

  const info = readCertificate(files);
  const certificate = new X509Certificate(readFileSync(files.certificate));

  assert.deepEqual(info?.names, ['blog.example.com', '*.blog.example.com']);
  assert.equal(info?.isSelfSigned, true);
  assert.ok(Math.abs(info!.notAfter.getTime() - Date.now() - 365 * DAY_MS) < DAY_MS, info?.notAfter.toISOString());
  assert.equal(certificate.subject, 'CN=blog.example.com');
  assert.equal(statSync(files.key).mode & 0o777, 0o600);
});

test('certs: long first name keeps the app as common name', async () => {
  const longName = `${'a'.repeat(60)}.example.com`;
  const pair = await createSelfSignedCertificate('blog', [longName]);
  const certificate = new X509Certificate(pair.certificate);

  assert.equal(certificate.subject, 'CN=blog');
  assert.equal(certificate.subjectAltName, `DNS:${longName}`);
});

test('certs: names compare without order or case', () => {
  const info = { names: ['a.example.com', 'b.example.com'], notAfter: new Date(), isSelfSigned: true };

  assert.equal(hasSameNames(info, ['B.example.com', 'a.example.com']), true);
  assert.equal(hasSameNames(info, ['a.example.com']), false);
  assert.equal(hasSameNames(info, ['a.example.com', 'b.example.com', 'c.example.com']), false);
});

test('certs: mismatched key reads as no certificate', async () => {
  const files = { certificate: path.join(dir, 'b.crt'), key: path.join(dir, 'b.key') };
  const first = await createSelfSignedCertificate('blog', ['blog.example.com']);
  const second = await createSelfSignedCertificate('blog', ['blog.example.com']);
  writeCertificate(files, { certificate: first.certificate, key: second.key });

  assert.equal(readCertificate(files), null);

  writeFileSync(files.certificate, 'not a certificate');
  assert.equal(readCertificate(files), null);
  assert.equal(readCertificate({ certificate: path.join(dir, 'missing.crt'), key: files.key }), null);
});

test('certs: restore puts the previous pair back', async () => {
  const files = { certificate: path.join(dir, 'c.crt'), key: path.join(dir, 'c.key') };
  const first = await createSelfSignedCertificate('blog', ['old.example.com']);
  writeCertificate(files, first);

  const restore = writeCertificate(files, await createSelfSignedCertificate('blog', ['new.example.com']));
  assert.deepEqual(readCertificate(files)?.names, ['new.example.com']);
  restore();

  assert.equal(readFileSync(files.certificate, 'utf8'), first.certificate);
  assert.equal(readFileSync(files.key, 'utf8'), first.key);
});

test('certs: restore removes a pair that was not there', async () => {
  const files = { certificate: path.join(dir, 'd.crt'), key: path.join(dir, 'd.key') };

  writeCertificate(files, await createSelfSignedCertificate('blog', ['blog.example.com']))();

  assert.equal(readCertificate(files), null);
});

test('certs: ensure makes a pair only when none is installed', async () => {
  const layout = getLayout({ PIKU_ROOT: dir });
  const files = getCertificateFiles(layout, 'shop');
  mkdirSync(path.join(dir, 'nginx'));

  assert.equal(await ensureCertificate('shop', layout, ['shop.example.com']), true);
  const first = readFileSync(files.certificate, 'utf8');
  assert.equal(await ensureCertificate('shop', layout, ['other.example.com']), false);

  assert.equal(readFileSync(files.certificate, 'utf8'), first);
  assert.deepEqual(readCertificate(files)?.names, ['shop.example.com']);
});
