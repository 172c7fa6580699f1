import { EventlineRuntimeError } from "./errors.js";

/**
 * Throws HANDLER_MISSING naming every message in `names` without a handler function, all at once:
 * fixing them one start at a time is slow, and the contract already says which ones arrive.
 * `owner` says whose handlers they are (a consumer group, a generated client).
 */
export function assertHandlers(
  owner: string,
  names: readonly string[],
  handlers: Readonly<Record<string, unknown>> | undefined,
): void {
  const missing = [...new Set(names)].filter((name) => typeof handlers?.[name] !== "function");
  if (missing.length === 0) return;
  const list = missing.map((name) => JSON.stringify(name)).join(", ");
  const what = missing.length === 1 ? "received message" : `${missing.length} received messages:`;
  throw new EventlineRuntimeError(
    "HANDLER_MISSING",
    `${owner}: no handler for ${what} ${list} (the contract says each of them arrives, so each needs one)`,
  );
}
