import { EventlineError } from "../../errors.js";
import {
  applyTopics,
  consumerLag,
  DEFAULT_BROKERS,
  DEFAULT_TIMEOUT_MS,
  lagTargetsFromCatalog,
  parseBrokers,
  planTopics,
  withAdmin,
} from "../../kafka/admin/index.js";
import { type Catalog, loadCatalog } from "../../model/index.js";
import type { CliIo } from "../io.js";
import { formatApplyJson, formatApplyText, formatLagJson, formatLagText } from "../kafka-format.js";

export interface KafkaCommonOptions {
  brokers?: string;
  prefix?: string;
  timeout?: string;
  root?: string;
  config?: string;
}

export interface KafkaApplyOptions extends KafkaCommonOptions {
  dryRun?: boolean;
  replicationFactor?: string;
  format: "text" | "json";
}

export interface KafkaLagOptions extends KafkaCommonOptions {
  group?: string[];
  format: "table" | "json";
}

/** `--brokers`, else KAFKA_BROKERS, else 127.0.0.1:9092 (never the catalog's servers: those are production). */
export function brokersFrom(options: KafkaCommonOptions, env: NodeJS.ProcessEnv): string[] {
  if (options.brokers !== undefined) return parseBrokers(options.brokers);
  if (env.KAFKA_BROKERS) return parseBrokers(env.KAFKA_BROKERS, "KAFKA_BROKERS");
  return DEFAULT_BROKERS;
}

export function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new EventlineError("USAGE", `${flag} ${JSON.stringify(value)} is not a positive integer`);
  }
  return n;
}

/** The catalog, refusing one that did not load: a plan from half the documents would be wrong. */
export async function catalogFor(options: KafkaCommonOptions, io: CliIo): Promise<Catalog> {
  const { catalog } = await loadCatalog({
    cwd: io.cwd,
    ...(options.root !== undefined ? { root: options.root } : {}),
    ...(options.config !== undefined ? { configFile: options.config } : {}),
  });
  const broken = catalog.diagnostics.filter((d) => d.severity === "error");
  if (broken.length > 0) {
    const files = [...new Set(broken.map((d) => d.file))];
    const first = broken[0]!;
    throw new EventlineError(
      "INPUT_INVALID",
      `${files.length} document(s) of the catalog did not load: ${files.join(", ")} ` +
        `(first: ${first.file}${first.line !== undefined ? `:${first.line}` : ""} ${first.ruleId} ${first.message})`,
      { hint: "Run `eventline validate` and fix the errors first." },
    );
  }
  return catalog;
}

/** `eventline kafka apply`: 0 applied or nothing to do, 1 something needs a human. */
export async function runApply(options: KafkaApplyOptions, io: CliIo, env = process.env): Promise<number> {
  const brokers = brokersFrom(options, env);
  const timeoutMs = positiveInteger(options.timeout, "--timeout") ?? DEFAULT_TIMEOUT_MS;
  const replicationFactor = positiveInteger(options.replicationFactor, "--replication-factor");
  const catalog = await catalogFor(options, io);
  const plan = planTopics(catalog, {
    ...(options.prefix !== undefined ? { topicPrefix: options.prefix } : {}),
    ...(replicationFactor !== undefined ? { replicationFactor } : {}),
  });
  const report = await withAdmin({ brokers, timeoutMs }, (admin) =>
    applyTopics(admin, plan, { dryRun: options.dryRun ?? false }),
  );
  io.stdout(
    options.format === "json" ? formatApplyJson(report, plan.ignored) : formatApplyText(report, plan.ignored),
  );
  return report.needsHuman ? 1 : 0;
}

/** `eventline kafka lag`: per group/topic/partition lag and dead-letter depth; 0 unless the input is bad. */
export async function runLag(options: KafkaLagOptions, io: CliIo, env = process.env): Promise<number> {
  const brokers = brokersFrom(options, env);
  const timeoutMs = positiveInteger(options.timeout, "--timeout") ?? DEFAULT_TIMEOUT_MS;
  const catalog = await catalogFor(options, io);
  const topicPrefix = options.prefix;
  const plan = planTopics(catalog, topicPrefix !== undefined ? { topicPrefix } : {});
  const targets = lagTargetsFromCatalog(catalog, plan, {
    ...(options.group !== undefined ? { groups: options.group } : {}),
    ...(topicPrefix !== undefined ? { topicPrefix } : {}),
  });
  const report = await withAdmin({ brokers, timeoutMs }, (admin) => consumerLag(admin, targets));
  io.stdout(options.format === "json" ? formatLagJson(report, brokers) : formatLagText(report));
  return 0;
}
