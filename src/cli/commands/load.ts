import { EventlineError } from "../../errors.js";
import { consumerLag, DEFAULT_TIMEOUT_MS, withKafka } from "../../kafka/admin/index.js";
import { createKafkaTransport } from "../../kafka/transport.js";
import { readSlo } from "../../model/monitoring-extensions.js";
import type { Catalog } from "../../model/types.js";
import {
  assertLoopback,
  evaluateLoad,
  formatLoadText,
  type LoadRun,
  planLoad,
  runLoad,
} from "../../ops/index.js";
import { type EndToEnd, followGroup } from "../../ops/load/end-to-end.js";
import { createInMemoryBroker } from "../../runtime/in-memory/broker.js";
import { createInMemoryTransport } from "../../runtime/in-memory/transport.js";
import type { CliIo } from "../io.js";
import { brokersFrom, catalogFor, type KafkaCommonOptions, positiveInteger } from "./kafka.js";

export interface LoadCommandOptions extends KafkaCommonOptions {
  channel: string[];
  message?: string[];
  rate?: string;
  duration?: string;
  messages?: string;
  ramp?: string;
  concurrency?: string;
  keys?: string;
  seed?: string;
  group?: string;
  drain?: string;
  maxP99?: string;
  transport: "kafka" | "memory";
  allowRemote?: boolean;
  format: "text" | "json";
}

/** `10s`, `500ms`, `2m`, or a number of seconds → ms. */
export function parseDuration(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const at = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!at)
    throw new EventlineError(
      "USAGE",
      `${flag} ${JSON.stringify(value)} is not a duration such as 10s, 500ms or 2m`,
    );
  const n = Number(at[1]);
  return Math.round(at[2] === "ms" ? n : at[2] === "m" ? n * 60_000 : n * 1000);
}

function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new EventlineError("USAGE", `${flag} ${JSON.stringify(value)} is not a positive number`);
  return n;
}

/** The strictest `x-eventline-slo` maxLag the catalog declares for the group on these topics. */
function maxLagOf(
  catalog: Catalog,
  groupId: string,
  topics: readonly string[],
  prefix: string,
): number | null {
  const limits = catalog.operations
    .filter((o) => o.action === "receive" && o.groupId === groupId)
    .filter((o) => {
      const c = catalog.channels.find((ch) => ch.id === o.channelId);
      return topics.includes(prefix + (c?.topic ?? c?.address ?? ""));
    })
    .map((o) => readSlo(o.extensions["x-eventline-slo"]).slo.maxLag)
    .filter((n): n is number => n !== undefined);
  return limits.length > 0 ? Math.min(...limits) : null;
}

/** `eventline load`: 0 every objective met, 1 one missed, 2 bad input or an unreachable broker. */
export async function run(options: LoadCommandOptions, io: CliIo, env = process.env): Promise<number> {
  const memory = options.transport === "memory";
  const brokers = brokersFrom(options, env);
  if (!memory && !options.allowRemote) assertLoopback(brokers);
  if (memory && options.group !== undefined) {
    throw new EventlineError(
      "USAGE",
      "--group needs the Kafka transport (the in-memory broker has no outside consumers)",
    );
  }
  const timeoutMs = positiveInteger(options.timeout, "--timeout") ?? DEFAULT_TIMEOUT_MS;
  const rateFlag = positiveNumber(options.rate, "--rate");
  const messages = positiveInteger(options.messages, "--messages");
  const durationMs =
    parseDuration(options.duration, "--duration") ?? (messages === undefined ? 10_000 : undefined);
  const rampMs = parseDuration(options.ramp, "--ramp") ?? 0;
  const concurrency = positiveInteger(options.concurrency, "--concurrency");
  const keys = positiveInteger(options.keys, "--keys");
  const seed = options.seed === undefined ? undefined : Number(options.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed))
    throw new EventlineError("USAGE", `--seed ${JSON.stringify(options.seed)} is not an integer`);
  const maxP99Ms = positiveNumber(options.maxP99, "--max-p99");
  const drainMs = parseDuration(options.drain, "--drain") ?? 5000;
  const catalog = await catalogFor(options, io);
  const prefix = options.prefix ?? "";
  const plan = planLoad(catalog, options.channel, {
    prefix,
    ...(options.message ? { messages: options.message } : {}),
    ...(keys !== undefined ? { keys } : {}),
    ...(seed !== undefined ? { seed } : {}),
  });
  const rate = rateFlag ?? plan.declaredRate;
  if (rate === undefined) {
    throw new EventlineError(
      "USAGE",
      `no --rate, and ${plan.topics.join(", ")} declare no x-eventline-peak-rate`,
      {
        hint: "Pass --rate <messages/s>, or declare x-eventline-peak-rate on the channel.",
      },
    );
  }
  const progress =
    process.stderr.isTTY && options.format === "text"
      ? (p: { elapsedMs: number; sent: number; errors: number }) =>
          io.stderr(`\r${(p.elapsedMs / 1000).toFixed(0)} s: ${p.sent} sent, ${p.errors} error(s)`)
      : undefined;
  const load = (
    transport: Parameters<typeof runLoad>[0]["transport"],
    onPublished?: Parameters<typeof runLoad>[0]["onPublished"],
  ): Promise<LoadRun> =>
    runLoad({
      transport,
      ...(onPublished ? { onPublished } : {}),
      sources: plan.sources,
      specs: plan.specs,
      rate,
      rampMs,
      ...(durationMs !== undefined ? { durationMs } : {}),
      ...(messages !== undefined ? { messages } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(progress ? { onProgress: progress } : {}),
    });
  let report: ReturnType<typeof evaluateLoad>;
  if (memory) {
    const broker = createInMemoryBroker();
    for (const topic of plan.topics) {
      const partitions =
        catalog.channels.find((c) => prefix + (c.topic ?? c.address) === topic)?.partitions ?? 1;
      broker.createTopic(topic, { partitions });
    }
    const result = await load(createInMemoryTransport(broker));
    report = evaluateLoad(result, {
      transport: "memory",
      topics: plan.topics,
      ...(maxP99Ms !== undefined ? { maxP99Ms } : {}),
    });
  } else {
    report = await withKafka({ brokers, timeoutMs }, async (kafka, admin) => {
      const existing = new Set(await admin.listTopics());
      const missing = plan.topics.filter((t) => !existing.has(t));
      if (missing.length > 0) {
        throw new EventlineError(
          "INPUT_INVALID",
          `topic(s) ${missing.join(", ")} do not exist on the cluster`,
          {
            hint: "Create the catalog's topics with `eventline kafka apply`, or check --prefix and --brokers.",
          },
        );
      }
      const transport = createKafkaTransport({ kafka });
      const follower =
        options.group !== undefined ? followGroup(admin, options.group, plan.topics) : undefined;
      let result: LoadRun;
      try {
        result = await load(transport, follower?.published);
      } finally {
        await transport.disconnect();
      }
      const endToEnd = await follower?.finish(drainMs);
      let group: { groupId: string; lag: number; maxLag: number | null; endToEnd?: EndToEnd } | undefined;
      if (options.group !== undefined) {
        const lag = await consumerLag(admin, { groups: [{ groupId: options.group, topics: plan.topics }] });
        const lagOnTopics = (lag.groups[0]?.topics ?? [])
          .filter((t) => plan.topics.includes(t.topic))
          .reduce((s, t) => s + t.lag, 0);
        group = {
          groupId: options.group,
          lag: lagOnTopics,
          maxLag: maxLagOf(catalog, options.group, plan.topics, prefix),
          ...(endToEnd ? { endToEnd } : {}),
        };
      }
      return evaluateLoad(result, {
        transport: "kafka",
        topics: plan.topics,
        ...(maxP99Ms !== undefined ? { maxP99Ms } : {}),
        ...(group ? { group } : {}),
      });
    });
  }
  if (progress) io.stderr("\n");
  io.stdout(options.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatLoadText(report));
  return report.passed ? 0 : 1;
}
