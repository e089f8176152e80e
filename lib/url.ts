type Params = Record<string, string | string[] | undefined>;

/** `current` with `changes` applied (undefined removes a key), as "?a=1&b=2" (or "" when empty). */
export function withParams(current: Params, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes })) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "") params.set(key, first);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
