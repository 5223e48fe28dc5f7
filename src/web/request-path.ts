// Splits a request's path into decoded segments, rejecting the tricks that could make a segment
// mean another file or app: dot segments, encoded "/" or "\", and control characters.

// e.g. "/apps/blog/deploys/7?x=1" -> ["apps", "blog", "deploys", "7"]; "/apps/%2e%2e/x" -> undefined;
// "/apps/a%2Fb" -> undefined; "/" -> [].
export function splitRequestPath(url: string | undefined): string[] | undefined {
  const pathname = (url ?? '/').split('?')[0]!;
  if (!pathname.startsWith('/') || /%(2f|5c|00)/i.test(pathname)) return undefined;

  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '.' || segment === '..' || /[\\\u0000-\u001f]/.test(segment)) return undefined;
    segments.push(segment);
  }

  return segments.length === 1 && segments[0] === '' ? [] : segments;
}

// The query string's values, e.g. "/x?service=git-upload-pack" -> service = "git-upload-pack".
export function getQuery(url: string | undefined): URLSearchParams {
  const index = (url ?? '').indexOf('?');

  return new URLSearchParams(index === -1 ? '' : (url ?? '').slice(index + 1));
}
