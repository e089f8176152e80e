// Names in URLs (/users/<username>, /models/<model>). Pages receive a path segment still percent-encoded
// and decode it here, once; route handlers receive it decoded already and must not decode it again
// ("rt-100%-model" would fail, "rt-%41%42" would find "rt-AB").

/** A page's segment decoded, or null when its escapes are malformed (the page is then a 404). */
export function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Whether a name can be stored text at all (no NUL, no lone surrogate): anything else names nothing. */
export function isStorableName(name: string, maxLength = 100): boolean {
  return name.length > 0 && name.length <= maxLength && !/[\u0000\p{Cs}]/u.test(name);
}
