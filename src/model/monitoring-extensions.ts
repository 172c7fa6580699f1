// `x-eventline-slo` (receive operation) and `x-eventline-peak-rate` (channel or message): the values
// the monitoring rules and load tests read, and what is wrong with a value that cannot be read. The
// lint rule monitoring-extensions-valid reports the problems; the readers fall back to defaults.

export interface Slo {
  /** Alert when the group's lag on the channel stays above this many messages. */
  maxLag?: number;
  /** Alert when the p99 of one handler run stays above this many milliseconds. */
  processingP99Ms?: number;
  /** How long a breach lasts before it alerts (a Prometheus duration such as 5m). */
  for?: string;
}

export const SLO_KEYS = ["maxLag", "processingP99Ms", "for"] as const;
const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A Prometheus duration: `30s`, `5m`, `1h30m`. */
export function isDuration(value: string): boolean {
  return DURATION.test(value);
}

/** The SLO of a receive operation and the problems of its value (each names the key). */
export function readSlo(value: unknown): { slo: Slo; problems: { key: string; problem: string }[] } {
  const slo: Slo = {};
  const problems: { key: string; problem: string }[] = [];
  if (value === undefined) return { slo, problems };
  if (!isRecord(value)) {
    return {
      slo,
      problems: [{ key: "", problem: "must be an object with maxLag, processingP99Ms and/or for" }],
    };
  }
  for (const [key, v] of Object.entries(value)) {
    if (key === "maxLag") {
      if (Number.isSafeInteger(v) && (v as number) >= 0) slo.maxLag = v as number;
      else problems.push({ key, problem: "must be an integer ≥ 0 (messages)" });
    } else if (key === "processingP99Ms") {
      if (typeof v === "number" && Number.isFinite(v) && v > 0) slo.processingP99Ms = v;
      else problems.push({ key, problem: "must be a number > 0 (milliseconds)" });
    } else if (key === "for") {
      if (typeof v === "string" && DURATION.test(v)) slo.for = v;
      else problems.push({ key, problem: "must be a Prometheus duration such as 30s, 5m or 1h" });
    } else {
      problems.push({ key, problem: `is not a key of x-eventline-slo (${SLO_KEYS.join(", ")})` });
    }
  }
  return { slo, problems };
}

/** A declared peak rate in messages per second; a problem when the value is not a positive number. */
export function readPeakRate(value: unknown): { rate?: number; problem?: string } {
  if (value === undefined) return {};
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return { rate: value };
  return { problem: "must be a number > 0 (messages per second)" };
}
