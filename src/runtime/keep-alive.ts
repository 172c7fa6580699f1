/**
 * How often a consumer waiting on a record (a retry backoff) calls the transport's heartbeat. Kafka's
 * smallest session timeout is 6 s unless a broker lowers `group.min.session.timeout.ms`, and kafkajs
 * sends at most one heartbeat per `heartbeatInterval` however often it is asked, so asking every
 * second keeps any session alive and costs nothing more.
 */
export const HEARTBEAT_EVERY_MS = 1_000;

/**
 * Settles with `wait`, calling `heartbeat` at once and then every `everyMs` until then. A failing
 * heartbeat (a rebalance under way, a lost connection) is the transport's business, not the wait's:
 * it is ignored here, and kafkajs rejoins the group once the record is done.
 */
export async function keepAlive(
  wait: Promise<void>,
  heartbeat: (() => Promise<void>) | undefined,
  everyMs = HEARTBEAT_EVERY_MS,
): Promise<void> {
  if (!heartbeat) return wait;
  let pending = false;
  const beat = () => {
    // One request at a time: a slow broker must not pile heartbeats up.
    if (pending) return;
    pending = true;
    void heartbeat()
      .catch(() => undefined)
      .finally(() => {
        pending = false;
      });
  };
  beat();
  const timer = setInterval(beat, everyMs);
  try {
    await wait;
  } finally {
    clearInterval(timer);
  }
}
