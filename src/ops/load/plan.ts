import { isIP } from "node:net";
import { EventlineError } from "../../errors.js";
import { readPeakRate } from "../../model/monitoring-extensions.js";
import type { Catalog } from "../../model/types.js";
import type { MessageSpec } from "../../runtime/message-spec.js";
import { specOf } from "../specs.js";
import { messagesByTopic, resolveChannelTopic } from "../topology.js";
import { type PayloadOptions, type PayloadSource, payloadSource } from "./payloads.js";

export interface LoadPlan {
  topics: string[];
  sources: PayloadSource[];
  specs: MessageSpec[];
  /** The declared peak rate of the chosen channels (Σ), when they declare one. */
  declaredRate?: number;
}

/**
 * The messages to send for the named channels (every message the catalog declares on each) with
 * payload sources, and the channels' declared peak rate: a channel's `x-eventline-peak-rate`, else
 * the sum of its messages' own.
 */
export function planLoad(
  catalog: Catalog,
  channels: readonly string[],
  options: PayloadOptions & { prefix?: string; messages?: readonly string[] } = {},
): LoadPlan {
  const prefix = options.prefix ?? "";
  const topics = [...new Set(channels.map((c) => resolveChannelTopic(catalog, c, prefix)))];
  const byTopic = messagesByTopic(catalog, prefix);
  const sources: PayloadSource[] = [];
  let declared = 0;
  let anyDeclared = false;
  for (const topic of topics) {
    const entries = [...(byTopic.get(topic)?.values() ?? [])].filter(
      (e) => !options.messages || options.messages.includes(e.message.name),
    );
    if (entries.length === 0) {
      throw new EventlineError(
        "USAGE",
        `channel ${topic} has no message to send${options.messages ? ` named ${options.messages.join(", ")}` : ""}`,
      );
    }
    for (const entry of entries) sources.push(payloadSource(entry, options));
    const channelRates = catalog.channels
      .filter((c) => prefix + (c.topic ?? c.address) === topic)
      .map((c) => readPeakRate(c.extensions["x-eventline-peak-rate"]).rate)
      .filter((r): r is number => r !== undefined);
    if (channelRates.length > 0) {
      declared += Math.max(...channelRates);
      anyDeclared = true;
    } else {
      for (const entry of entries) {
        const rate = readPeakRate(entry.message.extensions["x-eventline-peak-rate"]).rate;
        if (rate !== undefined) {
          declared += rate;
          anyDeclared = true;
        }
      }
    }
  }
  return {
    topics,
    sources,
    specs: sources.map((s) => specOf(s.message)),
    ...(anyDeclared ? { declaredRate: declared } : {}),
  };
}

const LOOPBACK_NAMES = new Set(["localhost", "ip6-localhost", "ip6-loopback"]);

/** Refuses brokers that are not on this machine: a load test aimed at production by mistake is an outage. */
export function assertLoopback(brokers: readonly string[]): void {
  const remote = brokers.filter((broker) => {
    const host = broker.slice(0, broker.lastIndexOf(":")).replace(/^\[|\]$/g, "");
    if (LOOPBACK_NAMES.has(host.toLowerCase())) return false;
    if (isIP(host) === 4) return !host.startsWith("127.");
    if (isIP(host) === 6) return host !== "::1";
    return true;
  });
  if (remote.length > 0) {
    throw new EventlineError(
      "USAGE",
      `refusing to load brokers that are not on this machine: ${remote.join(", ")}`,
      {
        hint: "Load tests go to loopback brokers by default; pass --allow-remote to aim at another cluster on purpose.",
      },
    );
  }
}
