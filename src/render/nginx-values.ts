// Validation of the values that reach an nginx vhost. nginx has quoting, but "$" expands variables
// even inside quotes, so values are checked against allow-lists instead of being escaped.
import { isIPv4, isIPv6 } from 'node:net';
import { PIKU_ERR_RENDER_SETTING_INVALID } from '../errors/codes.js';
import { createSha256 } from '../process/sha256.js';

// Characters that end a token, start a block, a comment or a variable, or quote: none may appear.
const NGINX_SPECIAL = /[\u0000-\u0020\u007f;{}'"$\\#]/;
// Paths keep to characters that need no quoting anywhere in nginx or uwsgi text.
const PATH_PATTERN = /^\/[A-Za-z0-9._~@+=,:/-]*$/;
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

// Returns `token` when it is safe as one unquoted nginx token. The template helper calls it as a last check.
export function validateNginxToken(token: string): string {
  if (token === '' || NGINX_SPECIAL.test(token)) {
    // The context builders validate first and name the setting, so reaching this line is a bug.
    throw new Error('An unvalidated value reached an nginx template.');
  }

  return token;
}

// Splits NGINX_SERVER_NAME-style text on commas and spaces and validates each host name:
// "example.com, www.example.com" -> ["example.com", "www.example.com"]. A leading "*." is allowed.
export function getHostNames(setting: string, value: string): string[] {
  const names = [...new Set(value.split(/[ \t,]+/).filter((name) => name !== ''))];

  if (names.length === 0 || !names.every(isHostName)) {
    throw PIKU_ERR_RENDER_SETTING_INVALID(
      setting,
      value,
      'use host names of letters, digits, "-" and ".", separated by commas or spaces, e.g. example.com,www.example.com',
    );
  }

  return names;
}

function isHostName(name: string): boolean {
  const labels = (name.startsWith('*.') ? name.slice(2) : name).split('.');

  return name.length <= 253 && labels.every((label) => HOST_LABEL.test(label));
}

// Validates an IPv4 listen address: "0.0.0.0" -> "0.0.0.0".
export function getIPv4Address(setting: string, value: string): string {
  if (!isIPv4(value)) {
    throw PIKU_ERR_RENDER_SETTING_INVALID(setting, value, 'use an IPv4 address, e.g. 0.0.0.0');
  }

  return value;
}

// Validates an IPv6 listen address, with or without brackets: "::" -> "[::]".
export function getIPv6Address(setting: string, value: string): string {
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (!isIPv6(bare)) {
    throw PIKU_ERR_RENDER_SETTING_INVALID(setting, value, 'use an IPv6 address, e.g. [::]');
  }

  return `[${bare}]`;
}

// Validates an absolute path that nginx text will contain, e.g. the acme webroot under PIKU_ROOT.
export function getNginxPath(setting: string, value: string): string {
  if (!PATH_PATTERN.test(value)) {
    throw PIKU_ERR_RENDER_SETTING_INVALID(
      setting,
      value,
      'use an absolute path of letters, digits and . _ ~ @ + = , : / -, without spaces or quotes',
    );
  }

  return value;
}

// Validates one address or CIDR range for allow, deny, geo and set_real_ip_from:
// "10.0.0.0/8" -> "10.0.0.0/8", "2400:cb00::/32" -> "2400:cb00::/32", "127.0.0.1" -> "127.0.0.1".
export function getAddressRange(setting: string, value: string): string {
  if (!isAddressRange(value)) {
    throw PIKU_ERR_RENDER_SETTING_INVALID(setting, value, 'use IPv4 or IPv6 addresses or CIDR ranges separated by commas or spaces, e.g. 203.0.113.7,10.0.0.0/8');
  }

  return value;
}

// True for an IPv4 or IPv6 address with an optional "/prefix" within the address's bit length.
export function isAddressRange(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  const maxPrefix = isIPv4(address) ? 32 : isIPv6(address) ? 128 : -1;
  const isPrefixValid = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);

  // A zone index such as "fe80::1%eth0" passes isIPv6, but nginx reads no zone in these directives.
  return maxPrefix >= 0 && rest.length === 0 && isPrefixValid && !address.includes('%');
}

// nginx -t rejects a vhost whose variable names do not fit variables_hash_bucket_size (64 by
// default): "piku_" with a 30-letter app and "_connection" (46) passed, with 40 letters it failed.
const MAX_VARIABLE_NAME = 46;

// Names an nginx variable of one app. Variable names allow only letters, digits and "_", so the
// app name's "_", "-" and "." become "__", "_h" and "_d", which keeps two apps from sharing a
// variable: ("my-app", "cloudflare") -> "piku_my_happ_cloudflare". A name longer than
// MAX_VARIABLE_NAME uses a hash of the app name instead: "piku_h0123456789abcdef_cloudflare".
export function getAppVariableName(app: string, purpose: string): string {
  const encoded = app.replace(/[_.-]/g, (char) => ({ _: '__', '-': '_h', '.': '_d' })[char] ?? char);
  const name = `piku_${encoded}_${purpose}`;
  if (name.length <= MAX_VARIABLE_NAME) return name;

  return `piku_h${createSha256().update(app).digest('hex').slice(0, 16)}_${purpose}`;
}
