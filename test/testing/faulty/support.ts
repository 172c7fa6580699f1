// Shared by the faulty-service gallery: the catalog, a transactional inbox, and the check that a
// defect is caught with a short counterexample.
import { expect } from "vitest";
import { loadCatalog } from "../../../src/model/load-catalog.js";
import type { Catalog } from "../../../src/model/types.js";
import type { IdempotencyStore } from "../../../src/runtime/index.js";
import { formatResult, type PropertyResult } from "../../../src/testing/index.js";

export const ROOT = new URL("../../..", import.meta.url).pathname;

/** Runs for the correct versions (the evidence run uses EVENTLINE_TESTING_GALLERY_RUNS=1000). */
export const CORRECT_RUNS = Number(process.env.EVENTLINE_TESTING_GALLERY_RUNS ?? 100);
/** Every defect must be caught within this many runs at the fixed seed. */
export const FAULTY_RUNS = 200;
export const SEED = 20250606;

let loaded: Promise<Catalog> | undefined;
export function catalog(): Promise<Catalog> {
  loaded ??= loadCatalog({ cwd: ROOT }).then((l) => l.catalog);
  return loaded;
}

/** The catalog with the channel at `address` declared `x-eventline-ordering: none`. */
export async function unordered(address: string): Promise<Catalog> {
  const c = await catalog();
  return {
    ...c,
    channels: c.channels.map((ch) => (ch.address === address ? { ...ch, ordering: "none" } : ch)),
  };
}

/** A transaction of the test database: writes staged, applied with the inbox marker or not at all. */
export interface Tx {
  write(apply: () => void): void;
}

/** An inbox whose processed-marker commits together with the handler's staged writes. */
export function transactionalInbox(): IdempotencyStore<Tx> {
  const seen = new Set<string>();
  return {
    async process(key, work) {
      if (seen.has(key)) return "duplicate";
      const writes: (() => void)[] = [];
      await work({ write: (apply) => void writes.push(apply) });
      for (const w of writes) w();
      seen.add(key);
      return "processed";
    },
  };
}

/** The defect is caught within FAULTY_RUNS, with a shrunk counterexample of at most 4 deliveries. */
export function expectCaught(result: PropertyResult): void {
  const report = formatResult(result);
  console.log(report);
  expect(result.ok, report).toBe(false);
  expect(result.error, report).toBeUndefined();
  expect(result.runs).toBeLessThanOrEqual(FAULTY_RUNS);
  expect(result.counterexample!.deliveries, report).toBeLessThanOrEqual(4);
}

export function expectPasses(result: PropertyResult): void {
  expect(result.ok, formatResult(result)).toBe(true);
  expect(result.runs).toBe(CORRECT_RUNS);
}
