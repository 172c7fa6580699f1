// Helpers every bench script shares: command-line flags, medians, timing, a seeded PRNG.
import { parseArgs } from "node:util";

/**
 * Parses the command line of `bench/<script>` with `options` (node:util parseArgs, strict, `-h/--help`
 * added). Prints the usage and exits 0 for help, 2 for a bad flag. `fail(message)` exits 2 the same
 * way, for the script's own checks.
 */
export function benchArgs(script, usage, options) {
  const fail = (message) => {
    console.error(`bench/${script}: ${message}\n${usage}`);
    process.exit(2);
  };
  let values;
  try {
    ({ values } = parseArgs({
      options: { ...options, help: { type: "boolean", short: "h", default: false } },
      strict: true,
    }));
  } catch (error) {
    fail(error.message);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return { values, fail };
}

/** `value` as a positive integer, or `fail` naming the flag. */
export function positiveInt(value, flag, fail) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** A comma-separated list of positive integers (`--sizes 50,200`); empty only when `allowEmpty`. */
export function positiveInts(value, flag, fail, { allowEmpty = false } = {}) {
  const list = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map(Number);
  if ((!allowEmpty && list.length === 0) || list.some((n) => !Number.isInteger(n) || n < 1))
    fail(`${flag} must list positive integers, got "${value}"`);
  return list;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs `fn` once: its wall time in ms and its value. */
export async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** mulberry32: a small seeded PRNG, so every run generates byte-identical input. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
