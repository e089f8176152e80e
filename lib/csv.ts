// CSV for spreadsheets (RFC 4180). Model and display names come from uploaders, so no text cell may start
// a formula in any locale: a spreadsheet that splits fields on ";" (or tabs, or "|") instead of ","
// would start a new cell after such a character, so a formula trigger there is defused too.

export type CsvColumn<T> = [header: string, value: (row: T) => string | number | null];

const FORMULA_START = /(^|[,;\t|])( *)(?=[=+\-@\t\r])/g;

function cell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = value.replace(FORMULA_START, "$1$2'");
  return /[",;\t\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map(([header]) => cell(header)).join(",")];
  for (const row of rows) lines.push(columns.map(([, value]) => cell(value(row))).join(","));
  return lines.join("\r\n") + "\r\n";
}

/**
 * A Content-Disposition that survives any name (RFC 6266): an ASCII stand-in for old clients, and the
 * exact name in UTF-8 as filename* (a header value cannot hold anything past Latin-1 as it is).
 */
export function attachment(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const exact = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

export function csvResponse(filename: string, body: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(filename),
      "Cache-Control": "no-store",
    },
  });
}
