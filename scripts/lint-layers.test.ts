import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layers are the lint's to keep (eslint.config.mjs): a wrong import must fail `npm run lint`.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages
    .filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports")
    .map((m) => m.message);
}

describe("the lint keeps the layers", () => {
  it.each([
    ["lib/example.ts", 'import { getDb } from "@/db";\nexport const x = getDb;\n'],
    ["lib/example.ts", 'import { cache } from "react";\nexport const x = cache;\n'],
    ["lib/example.ts", 'import { sql } from "drizzle-orm";\nexport const x = sql;\n'],
    ["db/example.ts", 'import { cookies } from "next/headers";\nexport const x = cookies;\n'],
    ["db/example.ts", 'import { getViewer } from "@/server/auth/viewer";\nexport const x = getViewer;\n'],
    ["server/example.ts", 'import { sql } from "drizzle-orm";\nexport const x = sql;\n'],
    [
      "components/example.tsx",
      'import { signOutAction } from "@/app/signin/actions";\nexport const x = signOutAction;\n',
    ],
    ["components/example.tsx", 'import { getDb } from "@/db";\nexport const x = getDb;\n'],
    ["app/example/page.tsx", 'import { sql } from "drizzle-orm";\nexport const x = sql;\n'],
    ["scripts/example.ts", 'import { dailyReport } from "@/test/reports";\nexport const x = dailyReport;\n'],
  ])("refuses a wrong import in %s", async (filePath, code) => {
    expect(await restricted(filePath, code)).toHaveLength(1);
  });

  it.each([
    ["db/example.ts", 'import { AppError } from "@/lib/errors";\nexport const x = AppError;\n'],
    ["server/example.ts", 'import { getDb } from "@/db";\nexport const x = getDb;\n'],
    [
      "components/example.tsx",
      'import type { Viewer } from "@/server/auth/viewer";\nexport type X = Viewer;\n',
    ],
    [
      "app/example/page.tsx",
      'import { getLeaderboard } from "@/db/stats/leaderboard";\nexport const x = getLeaderboard;\n',
    ],
  ])("allows a right one in %s", async (filePath, code) => {
    expect(await restricted(filePath, code)).toEqual([]);
  });
}, 60_000);
