import { EventlineRuntimeError } from "../errors.js";

/** Processed ids are remembered this long unless a store is told otherwise: 7 days, like the in-memory store. */
export const DEFAULT_RETENTION_MS = 7 * 24 * 3600 * 1000;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A table or schema name, validated and double-quoted. Only letters, digits and underscores are
 * accepted (so the quoted form cannot break out of the statement, and the name means the same in
 * PostgreSQL and SQLite); quoting keeps its case. `maxLength` leaves room for names derived from it.
 */
export function quoteIdentifier(name: unknown, what: string, maxLength: number): string {
  if (typeof name !== "string" || !IDENTIFIER.test(name) || name.length > maxLength) {
    throw new EventlineRuntimeError(
      "STORE_OPTIONS_INVALID",
      `${what} must be 1-${maxLength} letters, digits or underscores, not starting with a digit; got ${JSON.stringify(name)}`,
    );
  }
  return `"${name}"`;
}

/** A retention or TTL: a positive whole number of milliseconds. */
export function durationMs(value: unknown, what: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new EventlineRuntimeError(
      "STORE_OPTIONS_INVALID",
      `${what} must be a positive whole number of milliseconds; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * The consumer's store keys join group, message name and idempotency key with NUL, which a
 * PostgreSQL text value cannot hold. Escaping `\` and NUL keeps the mapping one-to-one and readable.
 */
export function textKey(key: string): string {
  return key.replaceAll("\\", "\\\\").replaceAll("\u0000", "\\0");
}
