import { EventlineRuntimeError } from "./errors.js";

/**
 * Partitions a transport handles at once, unless told otherwise. Per-key order needs only one record
 * at a time per partition; a few partitions at once keep a record in a long retry backoff from
 * holding back the others, without running many handlers of one process concurrently.
 */
export const DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY = 4;

/** The `partitionsConsumedConcurrently` option of a transport, checked. */
export function partitionConcurrency(value: number | undefined): number {
  if (value === undefined) return DEFAULT_PARTITIONS_CONSUMED_CONCURRENTLY;
  if (!Number.isInteger(value) || value < 1) {
    throw new EventlineRuntimeError(
      "TRANSPORT_OPTIONS_INVALID",
      `partitionsConsumedConcurrently must be a positive integer, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Runs `work` on every lane, at most `limit` lanes at a time, each lane's items in order. After a
 * lane fails no further lane starts; the returned promise settles once every started lane has, and
 * rejects with the first failure.
 */
export async function runLanes<T>(
  lanes: readonly T[],
  limit: number,
  work: (lane: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < lanes.length) {
      const lane = lanes[next++]!;
      try {
        await work(lane);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, lanes.length) }, worker));
  if (failure) throw failure.error;
}
