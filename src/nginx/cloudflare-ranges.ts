// Cloudflare's published address ranges, which NGINX_CLOUDFLARE_ACL allows and trusts for
// CF-Connecting-IP. The repository ships a copy (cloudflare-ranges.json beside this file);
// `cloudflare:refresh` downloads the current lists into $PIKU_ROOT/cloudflare-ranges.json, which
// then takes precedence.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PIKU_ERR_CLOUDFLARE_FETCH_FAILED, PIKU_ERR_CLOUDFLARE_RANGES_INVALID } from '../errors/codes.js';
import type { Layout } from '../home/layout.js';
import { isAddressRange } from '../render/nginx-values.js';
import { writeAtomically } from '../home/atomic-write.js';

export interface CloudflareRanges {
  ipv4: string[];
  ipv6: string[];
}

export interface CloudflareRefreshOptions {
  /** Sources of the lists: https://, http:// or file:// URLs of text with one CIDR range per line. */
  ipv4Url?: string;
  ipv6Url?: string;
  /** File to write, in the JSON form of the shipped copy. */
  output: string;
}

// Both src/nginx/ and dist/nginx/ sit two levels below the repository root; tsc does not copy JSON.
export const SHIPPED_RANGES_FILE = fileURLToPath(new URL('../../src/nginx/cloudflare-ranges.json', import.meta.url));
const FETCH_TIMEOUT_MS = 15_000;

// Returns the refreshed ranges of this host, or the shipped copy when none were downloaded.
export function getCloudflareRanges(layout: Layout): CloudflareRanges {
  const refreshed = getRefreshedRangesFile(layout);
  const file = existsSync(refreshed) ? refreshed : SHIPPED_RANGES_FILE;

  return parseRanges(file, readFileSync(file, 'utf8'));
}

// $PIKU_ROOT/cloudflare-ranges.json, written by cloudflare:refresh.
export function getRefreshedRangesFile(layout: Layout): string {
  return path.join(layout.root, 'cloudflare-ranges.json');
}

// Downloads both lists, validates every entry and writes them to `output`; nothing is written on a failure.
export async function refreshCloudflareRanges({
  ipv4Url = 'https://www.cloudflare.com/ips-v4',
  ipv6Url = 'https://www.cloudflare.com/ips-v6',
  output,
}: CloudflareRefreshOptions): Promise<CloudflareRanges> {
  const ranges = { ipv4: await fetchList(ipv4Url), ipv6: await fetchList(ipv6Url) };
  const text = `${JSON.stringify(ranges, null, 2)}\n`;
  parseRanges(`${ipv4Url} and ${ipv6Url}`, text);

  writeAtomically(output, text);

  return ranges;
}

async function fetchList(url: string): Promise<string[]> {
  const text = await fetchText(url);
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) throw PIKU_ERR_CLOUDFLARE_FETCH_FAILED(url, 'the list is empty');

  return lines;
}

async function fetchText(url: string): Promise<string> {
  try {
    if (url.startsWith('file:')) return await readFile(fileURLToPath(url), 'utf8');

    const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP status ${response.status}`);

    return await response.text();
  } catch (error) {
    throw PIKU_ERR_CLOUDFLARE_FETCH_FAILED.with({ cause: error }, url, getReason(error));
  }
}

// fetch() rejects with "fetch failed" and keeps the network error, e.g. ECONNREFUSED, as its cause.
function getReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);

  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

// Checks that ipv4 holds only IPv4 ranges and ipv6 only IPv6 ranges; `source` names the text in errors.
function parseRanges(source: string, text: string): CloudflareRanges {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw PIKU_ERR_CLOUDFLARE_RANGES_INVALID(source, text);
  }

  const ranges = data as Partial<CloudflareRanges>;

  return { ipv4: getRangeList(source, ranges.ipv4, false), ipv6: getRangeList(source, ranges.ipv6, true) };
}

function getRangeList(source: string, list: unknown, isIPv6: boolean): string[] {
  if (!Array.isArray(list)) throw PIKU_ERR_CLOUDFLARE_RANGES_INVALID(source, String(list));

  for (const entry of list) {
    const isValid = typeof entry === 'string' && isAddressRange(entry) && entry.includes(':') === isIPv6;
    if (!isValid) throw PIKU_ERR_CLOUDFLARE_RANGES_INVALID(source, String(entry));
  }

  return list as string[];
}
