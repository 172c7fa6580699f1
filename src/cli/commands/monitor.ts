import { EventlineError } from "../../errors.js";
import { DEFAULT_TIMEOUT_MS, lagTargetsFromCatalog, planTopics, withAdmin } from "../../kafka/admin/index.js";
import { groupProcessing, type MonitorSnapshot, monitorSnapshot } from "../../ops/index.js";
import type { CliIo } from "../io.js";
import { formatMonitorText } from "../monitor-format.js";
import { brokersFrom, catalogFor, type KafkaCommonOptions, positiveInteger } from "./kafka.js";

export interface MonitorOptions extends KafkaCommonOptions {
  group?: string[];
  interval?: string;
  once?: boolean;
  prometheus?: string;
  format: "text" | "json";
}

const CLEAR = "\u001b[H\u001b[2J";

function seconds(value: string | undefined): number {
  if (value === undefined) return 5;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.5 || n > 3600) {
    throw new EventlineError(
      "USAGE",
      `--interval ${JSON.stringify(value)} is not a number of seconds from 0.5 to 3600`,
    );
  }
  return n;
}

/**
 * `eventline monitor`: with --once one snapshot; otherwise a snapshot every --interval until
 * interrupted, redrawn in place on a terminal, appended (text blocks, or one JSON object per line)
 * elsewhere. Exit 0; 2 on bad input or an unreachable broker.
 */
export async function run(
  options: MonitorOptions,
  io: CliIo,
  env = process.env,
  live: { tty?: boolean; signal?: AbortSignal } = {},
): Promise<number> {
  const brokers = brokersFrom(options, env);
  const timeoutMs = positiveInteger(options.timeout, "--timeout") ?? DEFAULT_TIMEOUT_MS;
  const interval = seconds(options.interval);
  const catalog = await catalogFor(options, io);
  const topicPrefix = options.prefix;
  const plan = planTopics(catalog, topicPrefix !== undefined ? { topicPrefix } : {});
  const targets = lagTargetsFromCatalog(catalog, plan, {
    ...(options.group !== undefined ? { groups: options.group } : {}),
    ...(topicPrefix !== undefined ? { topicPrefix } : {}),
  });
  const tty = (live.tty ?? Boolean(process.stdout.isTTY)) && options.format === "text";
  const print = (snapshot: MonitorSnapshot, once: boolean) => {
    if (options.format === "json") io.stdout(`${JSON.stringify(snapshot, null, once ? 2 : undefined)}\n`);
    else io.stdout(`${tty ? CLEAR : ""}${formatMonitorText(snapshot)}${once || tty ? "" : "\n"}`);
  };
  const snapshot = async (admin: Parameters<typeof monitorSnapshot>[0], previous?: MonitorSnapshot) => {
    const s = await monitorSnapshot(admin, targets, previous);
    if (options.prometheus === undefined) return s;
    const processing = await groupProcessing(
      options.prometheus,
      s.groups.map((g) => g.groupId),
      { timeoutMs },
    );
    return { ...s, groups: s.groups.map((g) => ({ ...g, processing: processing.get(g.groupId)! })) };
  };
  await withAdmin({ brokers, timeoutMs }, async (admin) => {
    if (options.once) {
      print(await snapshot(admin), true);
      return;
    }
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    live.signal?.addEventListener("abort", onSignal);
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
      let previous: MonitorSnapshot | undefined;
      while (!stop.signal.aborted) {
        previous = await snapshot(admin, previous);
        print(previous, false);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, interval * 1000);
          stop.signal.addEventListener("abort", () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  });
  return 0;
}
