import { expect, it } from "vitest";
import { toCsv } from "./csv";

it("quotes, escapes and defuses formulas", () => {
  const rows = [
    { name: 'a "b", c', n: 1.5 },
    { name: "=HYPERLINK(1)", n: -2 },
    { name: "plain", n: 0 },
  ];
  expect(
    toCsv(
      [
        ["name", (r) => r.name],
        ["n", (r) => r.n],
      ],
      rows,
    ),
  ).toBe('name,n\r\n"a ""b"", c",1.5\r\n\'=HYPERLINK(1),-2\r\nplain,0\r\n');
});
