/** Who a search on the users page finds: everyone whose name, username or email holds every word of it. */
export function matchesSearch(
  person: { username: string; displayName: string; email: string | null },
  query: string,
): boolean {
  const haystack = [person.username, person.displayName, person.email ?? ""].join(" ").toLowerCase();
  // Words in any order, so "jones casey" finds Casey Jones.
  return query
    .toLowerCase()
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}
