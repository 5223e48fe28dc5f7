// Parsers for the credentials a request carries: HTTP Basic (git's USER:TOKEN) and cookies.

export interface BasicCredentials {
  user: string;
  password: string;
}

// Parses "Basic base64(user:password)"; the password may contain ":". Returns undefined for any
// other scheme or a malformed value.
export function parseBasicAuth(header: string | undefined): BasicCredentials | undefined {
  const match = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header ?? '');
  if (!match) return undefined;

  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 1) return undefined;

  return { user: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

// Parses a Cookie header into name -> value; the first of two cookies with one name wins, as in
// browsers' order (the most specific path first).
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    const name = part.slice(0, Math.max(separator, 0)).trim();
    if (name === '') continue;

    if (!cookies.has(name)) cookies.set(name, part.slice(separator + 1).trim());
  }

  return cookies;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  isSecure: boolean;
}

// e.g. ("piku_session", "abc", { maxAgeSeconds: 60, isSecure: true })
//   -> "piku_session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Strict; Secure"
export function serializeCookie(name: string, value: string, { maxAgeSeconds, isSecure }: CookieOptions): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${isSecure ? '; Secure' : ''}`;
}
