/** Latency percentiles (ms) of a sample, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Runs `task` `total` times with at most `concurrency` at once; returns each run's duration in ms. */
export async function measure(
  total: number,
  concurrency: number,
  task: (i: number, worker: number) => Promise<void>,
) {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await task(i, worker);
        durations.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    p50: percentile(durations, 50),
    p95: percentile(durations, 95),
    perSecond: total / seconds,
    n: total,
  };
}

/** One request's figures at one concurrency: the app over HTTP and its SQL floor (ms, per second). */
export interface BenchResult {
  name: string;
  concurrency: number;
  p50?: number;
  p95?: number;
  perSecond?: number;
  sqlP50?: number;
  sqlP95?: number;
  sqlPerSecond?: number;
}

/** What the bench measures, by the names its results and the targets below share. */
export const MEASURED = {
  /** The framework's floors: a route handler that returns a constant, and a page with no dashboard query. */
  trivial: "trivial route",
  signIn: "sign-in page",
  json30d: "leaderboard JSON 30d",
  jsonAll: "leaderboard JSON all",
  page30d: "leaderboard page 30d",
  person: "person page 30d",
  models: "models page 90d",
  upload30d: "upload 30d x 4 models",
  upload365d: "upload 365d x 5 models",
  /** The all-time leaderboard's own statements (SQL only, no HTTP twin). */
  allTimeSql: "leaderboard SQL all, statements only",
} as const;

export interface TargetCheck {
  target: string;
  value: number;
  limit: number;
  met: boolean;
  /**
   * For a limit derived from the SQL: the framework floor's p95 at the same concurrency (the trivial
   * route for JSON, the sign-in page for pages).
   */
  floor?: { name: string; p95: number };
  /**
   * Missed, with the floor above the limit: no code of ours could meet it on this machine, since the
   * request takes at least as long as the floor whatever it queries.
   */
  outOfReach?: boolean;
}

/**
 * The team-scale targets (issue 6) checked against one run's figures; targets whose figures the run does
 * not have are left out. `allTimeSqlLimitMs` is 10 on D1 and 70 on D2; the memory goal is for PostgreSQL
 * (the embedded database lives in the server process), so `peakRssMb` is left out on PGlite.
 */
export function checkTargets(
  results: BenchResult[],
  run: { peakRssMb?: number; allTimeSqlLimitMs: number },
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const at = (name: string, c: number) => results.find((r) => r.name === name && r.concurrency === c);
  // `below`: the value must stay strictly under the limit ("under 250 ms"); otherwise at most the limit.
  const atMost = (
    target: string,
    value: number | undefined,
    limit: number | undefined,
    { below = false, floor }: { below?: boolean; floor?: BenchResult } = {},
  ) => {
    if (value === undefined || limit === undefined || !Number.isFinite(value) || !Number.isFinite(limit))
      return;
    const met = below ? value < limit : value <= limit;
    checks.push({
      target,
      value,
      limit,
      met,
      ...(floor?.p95 !== undefined && {
        floor: { name: floor.name, p95: floor.p95 },
        outOfReach: !met && floor.p95 > limit,
      }),
    });
  };
  for (const c of [1, 4]) {
    const trivial = at(MEASURED.trivial, c);
    for (const name of [MEASURED.json30d, MEASURED.jsonAll]) {
      const r = at(name, c);
      atMost(`${name} p95 <= 1.5x its SQL (c=${c})`, r?.p95, r?.sqlP95 && 1.5 * r.sqlP95, {
        floor: trivial,
      });
    }
    const signIn = at(MEASURED.signIn, c);
    // "Pages p95 <= 2x raw SQL; person page p95 <= raw + 40 ms": the person page has its own budget.
    // Its statements take a few ms, and 2x is the tighter of the two whenever the SQL is under 40 ms,
    // so with both the person page's own target would never count.
    for (const name of [MEASURED.page30d, MEASURED.models]) {
      const r = at(name, c);
      atMost(`${name} p95 <= 2x its SQL (c=${c})`, r?.p95, r?.sqlP95 && 2 * r.sqlP95, { floor: signIn });
    }
    for (const name of [MEASURED.page30d, MEASURED.person, MEASURED.models])
      atMost(`${name} p95 < 250 ms (c=${c})`, at(name, c)?.p95, 250, { below: true });
    const person = at(MEASURED.person, c);
    atMost(
      `${MEASURED.person} p95 <= its SQL + 40 ms (c=${c})`,
      person?.p95,
      person?.sqlP95 && person.sqlP95 + 40,
      { floor: signIn },
    );
  }
  const allTime = at(MEASURED.allTimeSql, 1);
  atMost(
    `all-time leaderboard statements p50 <= ${run.allTimeSqlLimitMs} ms`,
    allTime?.sqlP50,
    run.allTimeSqlLimitMs,
  );
  const upload = at(MEASURED.upload30d, 4);
  if (upload?.perSecond !== undefined && upload.sqlPerSecond !== undefined) {
    // "At least": compared the other way round, as a ratio that must not fall below 0.3.
    const ratio = upload.perSecond / upload.sqlPerSecond;
    checks.push({
      target: "uploads/s >= 0.3x the SQL's (c=4), as a ratio",
      value: ratio,
      limit: 0.3,
      met: ratio >= 0.3,
    });
  }
  atMost(`${MEASURED.upload30d} p95 <= 100 ms (c=4)`, upload?.p95, 100);
  atMost("server peak RSS < 400 MB", run.peakRssMb, 400, { below: true });
  return checks;
}

/** The telemetry targets (issue 16), for the 2-core machine: a run's figures against each. */
export function checkTelemetryTargets(run: {
  eventsPerSecond: number;
  p95: number;
  floorRatio: number;
  memoryGrowth: number;
}): TargetCheck[] {
  const check = (target: string, value: number, limit: number, atLeast: boolean): TargetCheck => ({
    target,
    value,
    limit,
    met: atLeast ? value >= limit : value < limit,
  });
  return [
    check("telemetry api_request events/s (c=8) >= 1000", run.eventsPerSecond, 1000, true),
    check("telemetry export p95 < 100 ms (c=8)", run.p95, 100, false),
    check("telemetry events/s >= 0.3x the SQL floor's, as a ratio", run.floorRatio, 0.3, true),
    check("telemetry server memory growth over the run < 10 %", run.memoryGrowth * 100, 10, false),
  ];
}
