import { addDays } from "@/lib/dates";

// A realistic synthetic team for demos and benchmarks: heavy and light users, quieter weekends, one or
// two machines each, a personal model mix, and ccusage-shaped daily reports priced like the real models.
// Deterministic for a given seed.

// USD per million tokens: input, output, cache write, cache read.
const MODELS = {
  "claude-sonnet-4-5-20250929": [3, 15, 3.75, 0.3],
  "claude-opus-4-1-20250805": [15, 75, 18.75, 1.5],
  "claude-haiku-4-5-20251001": [1, 5, 1.25, 0.1],
  "gpt-5-codex": [1.25, 10, 0, 0.125],
} as const;
type Model = keyof typeof MODELS;

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Linus",
  "Margaret",
  "Dennis",
  "Barbara",
  "Ken",
  "Frances",
  "Edsger",
  "Radia",
  "Guido",
  "Hedy",
  "Bjarne",
  "Katherine",
  "Donald",
  "Sophie",
  "Tim",
  "Anita",
  "John",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Torvalds",
  "Hamilton",
  "Ritchie",
  "Liskov",
  "Thompson",
  "Allen",
  "Dijkstra",
  "Perlman",
  "van Rossum",
  "Lamarr",
  "Stroustrup",
  "Johnson",
  "Knuth",
  "Wilson",
  "Berners-Lee",
  "Borg",
  "McCarthy",
];

export interface SeedOptions {
  people: number;
  days: number;
  /** Last day of generated usage (YYYY-MM-DD). */
  endDate: string;
  seed?: number;
  /** Every person active every day with every model: the benchmark's fixed shape. */
  full?: boolean;
}

export interface SeedPerson {
  username: string;
  displayName: string;
  /** One ccusage daily report per machine. */
  uploads: { machine: string; report: { daily: unknown[] } }[];
}

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function modelRow(model: Model, output: number, rand: () => number, cacheHabit: number) {
  const input = Math.round(output * (0.01 + rand() * 0.04) * (2 - cacheHabit));
  const cacheCreationTokens = Math.round(output * (3 + rand() * 4) * (1.5 - cacheHabit));
  const cacheReadTokens = Math.round(output * (40 + rand() * 60) * cacheHabit);
  const [pi, po, pw, pr] = MODELS[model];
  const cost = (input * pi + output * po + cacheCreationTokens * pw + cacheReadTokens * pr) / 1e6;
  return {
    modelName: model,
    inputTokens: input,
    outputTokens: output,
    cacheCreationTokens,
    cacheReadTokens,
    cost,
  };
}

function dailyRow(date: string, breakdowns: ReturnType<typeof modelRow>[]) {
  const sum = (k: "inputTokens" | "outputTokens" | "cacheCreationTokens" | "cacheReadTokens") =>
    breakdowns.reduce((n, b) => n + b[k], 0);
  const totals = {
    inputTokens: sum("inputTokens"),
    outputTokens: sum("outputTokens"),
    cacheCreationTokens: sum("cacheCreationTokens"),
    cacheReadTokens: sum("cacheReadTokens"),
  };
  return {
    date,
    ...totals,
    totalTokens:
      totals.inputTokens + totals.outputTokens + totals.cacheCreationTokens + totals.cacheReadTokens,
    totalCost: breakdowns.reduce((n, b) => n + b.cost, 0),
    modelsUsed: breakdowns.map((b) => b.modelName),
    modelBreakdowns: breakdowns,
  };
}

export function* generateTeam(options: SeedOptions): Generator<SeedPerson> {
  const rand = random(options.seed ?? 42);
  const models = Object.keys(MODELS) as Model[];
  for (let p = 0; p < options.people; p++) {
    const first = FIRST[p % FIRST.length];
    const last = LAST[(p * 7 + Math.floor(p / FIRST.length)) % LAST.length];
    const suffix = p >= FIRST.length * LAST.length ? `${Math.floor(p / (FIRST.length * LAST.length))}` : "";
    const username = `${first}.${last}${suffix}`.toLowerCase().replaceAll(" ", "").replaceAll("-", "");
    // Log-normal intensity: a few heavy users, a long tail of light ones.
    const intensity = Math.exp((rand() - 0.5) * 3);
    // How well this person's sessions reuse the prompt cache (0.4 poor to 1.2 very good).
    const cacheHabit = 0.4 + rand() * 0.8;
    const machines = options.full || rand() < 0.35 ? ["laptop", "workstation"] : ["laptop"];
    const mix = models.map((m, i) =>
      m === "gpt-5-codex" ? (rand() < 0.25 ? rand() * 0.3 : 0) : [0.6, 0.25, 0.15][i] * (0.5 + rand()),
    );
    const perMachine = new Map(machines.map((m) => [m, [] as unknown[]]));
    for (let d = options.days - 1; d >= 0; d--) {
      const date = addDays(options.endDate, -d);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() % 6 !== 0;
      if (!options.full && rand() > (weekday ? 0.85 : 0.2)) continue;
      const output = Math.round(20_000 * intensity * (0.3 + rand() * 1.4));
      const used = options.full ? models : models.filter((_, i) => mix[i] > 0 && rand() < 0.3 + mix[i]);
      const chosen = used.length ? used : [models[0]];
      const machine = machines[Math.floor(rand() * machines.length)];
      const rows = chosen.map((m) =>
        modelRow(
          m,
          Math.max(1, Math.round(output * (options.full ? 0.25 : mix[models.indexOf(m)] || 0.1))),
          rand,
          cacheHabit,
        ),
      );
      perMachine.get(machine)!.push(dailyRow(date, rows));
    }
    yield {
      username,
      displayName: `${first} ${last}${suffix ? ` ${suffix}` : ""}`,
      uploads: [...perMachine]
        .filter(([, daily]) => daily.length > 0)
        .map(([machine, daily]) => ({ machine, report: { daily } })),
    };
  }
}
