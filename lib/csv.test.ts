import { expect, it } from "vitest";
import { attachment, toCsv } from "./csv";

const csv = (names: string[]) =>
  toCsv(
    [
      ["name", (r) => r.name],
      ["n", (r) => r.n],
    ],
    names.map((name, n) => ({ name, n: n - 1.5 })),
  );

it("quotes, escapes and defuses formulas", () => {
  expect(csv(['a "b", c', "=HYPERLINK(1)", "plain"])).toBe(
    'name,n\r\n"a ""b"", c",-1.5\r\n\'=HYPERLINK(1),-0.5\r\nplain,0.5\r\n',
  );
});

it("defuses a formula after any character a locale may split cells on", () => {
  // Read with ";" as the separator, `x;=1+2` would be the cells `x` and `=1+2`.
  expect(csv(["x;=1+2"])).toBe('name,n\r\n"x;\'=1+2",-1.5\r\n');
  expect(csv(["a; -2+3", "b\t@SUM(A1)", "c|+1", "d,=1"])).toBe(
    'name,n\r\n"a; \'-2+3",-1.5\r\n"b\t\'@SUM(A1)",-0.5\r\nc|\'+1,0.5\r\n"d,\'=1",1.5\r\n',
  );
  // Hyphens inside words are not formulas.
  expect(csv(["claude-opus-4-1"])).toBe("name,n\r\nclaude-opus-4-1,-1.5\r\n");
});

it("names any file, with an ASCII fallback and the exact name in UTF-8", () => {
  expect(attachment("models-2025.csv")).toBe(
    `attachment; filename="models-2025.csv"; filename*=UTF-8''models-2025.csv`,
  );
  expect(attachment('модель-ü "x".csv')).toBe(
    `attachment; filename="______-_ _x_.csv"; filename*=UTF-8''%D0%BC%D0%BE%D0%B4%D0%B5%D0%BB%D1%8C-%C3%BC%20%22x%22.csv`,
  );
  // Every character of the header value is Latin-1, so a Headers object accepts it.
  expect(() => new Headers({ "Content-Disposition": attachment("модель") })).not.toThrow();
});
