// Runs one property with fast-check and turns its verdict into data: the seed and path to replay it,
// and for a failure the shrunk case evaluated once more for its timeline and diff.
import fc from "fast-check";
import type { Counterexample, PropertyName, PropertyResult, RunOptions } from "./types.js";

export type Verdict = { ok: true } | { ok: false; counterexample: Counterexample };

/** A seed fixed per property and service, so a plain call is reproducible. */
export function defaultSeed(property: string, service: string): number {
  let h = 2166136261;
  for (const c of `${property}\u0000${service}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h | 0;
}

export async function checkWith<A>(
  property: PropertyName,
  service: string,
  arbitraryOf: fc.Arbitrary<A> | (() => fc.Arbitrary<A>),
  /** `trace`: build the timeline; false while searching, true for the failure found. */
  evaluate: (value: A, trace: boolean) => Promise<Verdict>,
  options: RunOptions,
): Promise<PropertyResult> {
  const seed = options.seed ?? defaultSeed(property, service);
  const runs = options.runs ?? 100;
  // What cannot even be generated (no message with a satisfiable schema) is an error in the data.
  let arbitrary: fc.Arbitrary<A>;
  try {
    arbitrary = typeof arbitraryOf === "function" ? arbitraryOf() : arbitraryOf;
  } catch (error) {
    return {
      property,
      ok: false,
      runs: 0,
      seed,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => (await evaluate(value, false)).ok),
    { numRuns: runs, seed, ...(options.path !== undefined ? { path: options.path } : {}) },
  );
  if (!details.failed) return { property, ok: true, runs: details.numRuns, seed };
  const result: PropertyResult = {
    property,
    ok: false,
    runs: details.numRuns,
    seed,
    path: details.counterexamplePath ?? "",
  };
  const value = details.counterexample?.[0] as A | undefined;
  // Evaluated once more: a failure the service threw (setup, state) is an error, not a counterexample.
  try {
    if (value !== undefined) {
      const verdict = await evaluate(value, true);
      if (!verdict.ok) result.counterexample = verdict.counterexample;
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  if (!result.counterexample && !result.error) {
    const e = details.errorInstance as unknown;
    result.error = e instanceof Error ? e.message : String(e ?? "the property failed");
  }
  return result;
}

/** A result as a readable report: what failed, the timeline, the diff and how to replay it. */
export function formatResult(result: PropertyResult): string {
  if (result.ok) return `${result.property}: ok (${result.runs} runs, seed ${result.seed})`;
  const lines = [
    `${result.property}: FAILED after ${result.runs} runs (seed ${result.seed}, path "${result.path ?? ""}")`,
  ];
  if (result.error) lines.push(`  error: ${result.error}`);
  const c = result.counterexample;
  if (c) {
    lines.push(`  ${c.reason}`, `  timeline (${c.deliveries} deliveries):`);
    for (const t of c.timeline) lines.push(`    ${t}`);
    if (c.diff.length > 0) {
      lines.push("  difference:");
      for (const d of c.diff) lines.push(`    ${d}`);
    }
  }
  lines.push(`  replay: { seed: ${result.seed}, path: "${result.path ?? ""}" }`);
  return lines.join("\n");
}
