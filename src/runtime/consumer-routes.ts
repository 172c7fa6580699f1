import { EventlineRuntimeError } from "./errors.js";
import type { MessageSpec } from "./message-spec.js";

/** `x-eventline-dead-letter` of a receive operation. */
export interface DeadLetterPolicy {
  topic: string;
  /** Handler runs before the record is dead-lettered (at least 1). */
  maxAttempts: number;
}

/**
 * One topic a consumer reads, with the settings of the receive operation(s) on it. A consumer group
 * whose receive operations read several topics runs one consumer with one route per topic: on Kafka
 * every member of a group must subscribe to the same topics (kafkajs's group leader assigns only the
 * topics it subscribes to itself), so one consumer per topic in one group would leave partitions unread.
 */
export interface ConsumerRoute {
  topic: string;
  /** The messages received on `topic`; each one's `topic` must be this route's. */
  messages: readonly MessageSpec[];
  /**
   * Where this topic's records go after `maxAttempts` failed handler runs, or at once when they cannot
   * be handled at all. Absent: none for this topic (the consumer-wide `deadLetter` does not apply).
   */
  deadLetter?: DeadLetterPolicy;
  /** CloudEvents types the contract declares on `topic` for other consumers: committed and counted as ignored. */
  ignoreTypes?: readonly string[];
}

interface RouteOptions {
  messages?: readonly MessageSpec[];
  routes?: readonly ConsumerRoute[];
  deadLetter?: DeadLetterPolicy;
  ignoreTypes?: readonly { topic: string; type: string }[];
}

const invalid = (message: string) => new EventlineRuntimeError("CONSUMER_ROUTE_INVALID", message);

/**
 * Every topic the consumer reads and its settings: the explicit `routes`, plus one route per topic of
 * `messages` with the consumer-wide `deadLetter` and `ignoreTypes`. A topic has exactly one route, so
 * which dead-letter channel a record of it uses is never ambiguous.
 */
export function routesByTopic(options: RouteOptions): Map<string, ConsumerRoute> {
  const routes = new Map<string, ConsumerRoute>();
  const add = (route: ConsumerRoute, from: string) => {
    if (routes.has(route.topic))
      throw invalid(`topic ${route.topic} has more than one route (${from} repeats it); merge them into one`);
    routes.set(route.topic, route);
  };
  for (const route of options.routes ?? []) {
    const stray = route.messages.find((m) => m.topic !== route.topic);
    if (stray)
      throw invalid(
        `the route of topic ${route.topic} lists message "${stray.name}" of topic ${stray.topic}`,
      );
    add(route, "routes");
  }
  const byTopic = new Map<string, MessageSpec[]>();
  for (const m of options.messages ?? []) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
  for (const [topic, messages] of byTopic) {
    add(
      {
        topic,
        messages,
        ...(options.deadLetter ? { deadLetter: options.deadLetter } : {}),
        ignoreTypes: (options.ignoreTypes ?? []).filter((t) => t.topic === topic).map((t) => t.type),
      },
      "messages",
    );
  }
  return routes;
}
