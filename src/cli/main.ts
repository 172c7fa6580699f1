import { Command, CommanderError, Option } from "commander";
import { CLI_MODES } from "../compat/check/types.js";
import { SEVERITIES } from "../diagnostics/index.js";
import { exitCodeFor, isEventlineError } from "../errors.js";
import { HISTORY_KINDS } from "../model/git-history.js";
import { REPORT_FORMATS } from "../report/index.js";
import { VERSION } from "../version.js";
import type { CatalogBuildOptions, CatalogDevOptions, CatalogExportOptions } from "./commands/catalog.js";
import type { CompatOptions } from "./commands/compat.js";
import type { DlqOptions, DlqRedriveOptions, DlqShowOptions } from "./commands/dlq.js";
import type { GenerateCommandOptions } from "./commands/generate.js";
import type { KafkaApplyOptions, KafkaLagOptions } from "./commands/kafka.js";
import type { LoadCommandOptions } from "./commands/load.js";
import type { MonitorOptions } from "./commands/monitor.js";
import type { MonitorRulesOptions } from "./commands/monitor-rules.js";
import type { ReplayCommandOptions } from "./commands/replay.js";
import type { ValidateOptions } from "./commands/validate.js";
import { type CliIo, printError, processIo } from "./io.js";

// The root is found like git's: the nearest folder at or above the current one with a config file
// or an asyncapi/ folder.
const ROOT_HELP =
  "project root: config file, default globs, $ref boundary (default: the nearest folder at or above . with eventline.config.* or asyncapi/, else .)";
const ROOT_HELP_CACHE = ROOT_HELP.replace("$ref boundary", "$ref boundary, cache");

// Each command is imported when it runs: `validate` need not load kafkajs, prettier or the generator.
const ISSUES_URL = "https://github.com/eventline/eventline/issues";

/** `catalog build|dev|export --history`: the same flag on each, so each its own Option. */
const historyOption = () =>
  new Option(
    "--history <kind>",
    "add version timelines and diffs from git: commits that touched the catalog, or tags",
  ).choices(HISTORY_KINDS);
const maxVersionsOption = () =>
  new Option("--max-versions <n>", "with --history: the newest n versions (default: 20)");

function program(io: CliIo, setExit: (code: number) => void): Command {
  const cli = new Command("eventline")
    .description("Event catalog and contract-testing toolkit for AsyncAPI documents")
    .version(VERSION, "-v, --version")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");

  cli
    .command("validate")
    .description("Validate AsyncAPI documents and lint them against event-driven best practice")
    .argument("[paths...]", "documents, directories or globs (default: `documents` from the config)")
    .addOption(new Option("-f, --format <format>", "output format").choices(REPORT_FORMATS).default("text"))
    .addOption(
      new Option(
        "--fail-on <severity>",
        "exit 1 when a finding is at or above this severity (default: config failOn, else error)",
      ).choices(SEVERITIES),
    )
    .option("--root <dir>", ROOT_HELP_CACHE)
    .option("-c, --config <file>", "config file (default: eventline.config.{yaml,yml,json} in the root)")
    .option("--no-cache", "do not read or write the parse cache")
    .action(async (paths: string[], opts: Omit<ValidateOptions, "paths">) => {
      setExit(await (await import("./commands/validate.js")).run({ ...opts, paths }, io));
    });
  cli
    .command("generate")
    .description("Generate typed, validated TypeScript publishers and consumers for each service")
    .option("-o, --out <dir>", "output folder; one sub-folder per service", "generated")
    .option("-s, --service <id...>", "only these services (default: every service of the catalog)")
    .option("--check", "write nothing; exit 1 when the files on disk differ from what would be generated")
    .option("-w, --watch", "regenerate after every change to the documents and schemas (Ctrl-C to stop)")
    .option(
      "--tests <dir>",
      "also write one property-test file per service there (eventline/testing); never overwrites",
    )
    .option(
      "--runtime-import <specifier>",
      "import specifier of the runtime in generated code",
      "eventline/runtime",
    )
    .option("--root <dir>", ROOT_HELP)
    .option("-c, --config <file>", "config file (default: eventline.config.{yaml,yml,json} in the root)")
    .action(async (opts: GenerateCommandOptions) => {
      setExit(await (await import("./commands/generate.js")).run(opts, io));
    });
  cli
    .command("compat")
    .description(
      "Check that new versions of schemas, AsyncAPI documents or a whole catalog stay compatible with the old",
    )
    .argument("[old]", "old JSON Schema file, AsyncAPI document or catalog directory")
    .argument("[new]", "new one, of the same kind")
    .option("--against <git-ref>", "compare the catalog in the working tree with the catalog at this git ref")
    .option(
      "--transitive",
      "with --against: compare with every earlier version from the ref to HEAD, not only the ref",
    )
    .addOption(
      new Option(
        "--history <kind>",
        "with --transitive: the versions are commits that touched the catalog, or tags (default: commits)",
      ).choices(HISTORY_KINDS),
    )
    .option(
      "--max-versions <n>",
      "with --transitive: at most this many versions, the ref and the newest (default: 20)",
    )
    .addOption(
      new Option(
        "--mode <mode>",
        "compatibility mode, overriding x-eventline-compatibility (default: x-eventline-compatibility, else backward)",
      ).choices(CLI_MODES),
    )
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when an unacknowledged change is at or above this severity")
        .choices(SEVERITIES)
        .default("error"),
    )
    .addOption(new Option("-f, --format <format>", "output format").choices(REPORT_FORMATS).default("text"))
    .addOption(
      new Option("--profile <profile>", "schema semantics: semantic (JSON Schema validation) or confluent")
        .choices(["semantic", "confluent"])
        .default("semantic"),
    )
    .option("--lenient", "writers emit only the properties their schema declares (open content models)")
    .option("--acknowledged <file>", "acknowledged breaking changes (default: .eventline/acknowledged.yaml)")
    .option("--root <dir>", ROOT_HELP)
    .option("-c, --config <file>", "config file (default: eventline.config.{yaml,yml,json} in the root)")
    .action(async (old: string | undefined, next: string | undefined, opts: Omit<CompatOptions, "paths">) => {
      const paths = [old, next].filter((p): p is string => p !== undefined);
      setExit(await (await import("./commands/compat.js")).run({ ...opts, paths }, io));
    });
  const catalog = cli
    .command("catalog")
    .description("The event catalog: a static website of services, channels and messages, or its JSON");
  catalog
    .command("build")
    .description("Build the catalog website: a static site that opens from file:// or any static host")
    .argument("[paths...]", "documents, directories or globs (default: `documents` from the config)")
    .option("-o, --out <dir>", "output folder, emptied first", "site")
    .option(
      "--base <path>",
      "URL path the site is served under, e.g. /catalog/ (links are relative either way)",
    )
    .option("--title <title>", "site title (default: Event catalog)")
    .option("--no-search", "skip the Pagefind search index")
    .addOption(historyOption())
    .addOption(maxVersionsOption())
    .option(
      "--timings",
      "print how long each step took (load and lint, catalog JSON, Astro, Pagefind) on stderr",
    )
    .option("--root <dir>", ROOT_HELP)
    .option("-c, --config <file>", "config file (default: eventline.config.{yaml,yml,json} in the root)")
    .action(async (paths: string[], opts: Omit<CatalogBuildOptions, "paths">) => {
      setExit(await (await import("./commands/catalog.js")).runBuild({ ...opts, paths }, io));
    });
  catalog
    .command("dev")
    .description(
      "Build the catalog website, serve it on localhost and rebuild it on every change (Ctrl-C to stop)",
    )
    .argument("[paths...]", "documents, directories or globs (default: `documents` from the config)")
    .option("-o, --out <dir>", "where the site is built", ".eventline/catalog-dev")
    .option("-p, --port <port>", "port to listen on (0 picks a free one)", "4321")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--title <title>", "site title (default: Event catalog)")
    .option("--no-search", "skip the Pagefind search index (faster rebuilds)")
    .addOption(historyOption())
    .addOption(maxVersionsOption())
    .option("--root <dir>", ROOT_HELP)
    .option("-c, --config <file>", "config file (default: eventline.config.{yaml,yml,json} in the root)")
    .action(async (paths: string[], opts: Omit<CatalogDevOptions, "paths">) => {
      setExit(await (await import("./commands/catalog.js")).runDev({ ...opts, paths }, io));
    });
  catalog
    .command("export")
    .description("Write the catalog JSON the site is built from (schema: schemas/catalog.v2.schema.json)")
    .argument("[paths...]", "documents, directories or globs (default: `documents` from the config)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["json"]).default("json"))
    .option("-o, --out <file>", "write to this file instead of stdout")
    .option("--title <title>", "catalog title (default: Event catalog)")
    .addOption(historyOption())
    .addOption(maxVersionsOption())
    .option("--root <dir>", ROOT_HELP)
    .option("-c, --config <file>", "config file (default: eventline.config.{yaml,yml,json} in the root)")
    .action(async (paths: string[], opts: Omit<CatalogExportOptions, "paths">) => {
      setExit(await (await import("./commands/catalog.js")).runExport({ ...opts, paths }, io));
    });
  const kafka = cli
    .command("kafka")
    .description("Kafka topics from the contract, consumer lag and dead-letter depth");
  const kafkaCommon = (command: Command) =>
    command
      .option(
        "--brokers <host:port,...>",
        "Kafka bootstrap brokers (default: KAFKA_BROKERS, else 127.0.0.1:9092)",
      )
      .option("--prefix <prefix>", "prepend this to every topic name of the catalog (isolated environments)")
      .option("--timeout <ms>", "connection timeout to the brokers, in milliseconds (default: 5000)")
      .option("--root <dir>", ROOT_HELP)
      .option("-c, --config <file>", "config file (default: eventline.config.{yaml,yml,json} in the root)");
  kafkaCommon(
    kafka
      .command("apply")
      .description(
        "Create missing topics, add partitions and update topic configs from the channels' Kafka bindings",
      )
      .option("--dry-run", "show what would change without changing anything")
      .option("--replication-factor <n>", "override every declared replication factor (e.g. 1 on one broker)")
      .addOption(
        new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"),
      ),
  ).action(async (opts: KafkaApplyOptions) => {
    setExit(await (await import("./commands/kafka.js")).runApply(opts, io));
  });
  kafkaCommon(
    kafka
      .command("lag")
      .description("Consumer lag per group, topic and partition, and dead-letter topic depth")
      .option("--group <id...>", "consumer groups (default: the groupId bindings of the receive operations)")
      .addOption(
        new Option("-f, --format <format>", "output format").choices(["table", "json"]).default("table"),
      ),
  ).action(async (opts: KafkaLagOptions) => {
    setExit(await (await import("./commands/kafka.js")).runLag(opts, io));
  });
  const formatOption = () =>
    new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text");
  const dlq = cli
    .command("dlq")
    .description("Dead-letter channels of the catalog: depth, records, redrive to the original topic");
  kafkaCommon(
    dlq
      .command("list")
      .description("Every dead-letter channel with its depth per partition, oldest and newest record age")
      .addOption(formatOption()),
  ).action(async (opts: DlqOptions) => {
    setExit(await (await import("./commands/dlq.js")).runList(opts, io));
  });
  kafkaCommon(
    dlq
      .command("show")
      .description("Dead-lettered records with their error headers, key and payload")
      .argument("<channel>", "dead-letter topic, channel id (service/channel) or service id")
      .option("--limit <n>", "at most this many records, oldest first (default: 20)")
      .option("--error <text>", "only records whose error contains this text (or header=value, header~text)")
      .addOption(formatOption()),
  ).action(async (name: string, opts: DlqShowOptions) => {
    setExit(await (await import("./commands/dlq.js")).runShow(name, opts, io));
  });
  kafkaCommon(
    dlq
      .command("redrive")
      .description(
        "Republish dead-lettered records to their original topic (same key, value and headers, attempts reset), resumably",
      )
      .argument("<channel>", "dead-letter topic, channel id (service/channel) or service id")
      .option("--to <topic>", "republish to this topic instead of each record's original topic")
      .option(
        "--where <match...>",
        "only records matching header=value, header~text, or error text (all must hold)",
      )
      .option("--limit <n>", "redrive at most this many records in this run")
      .option("--group <id>", "consumer group that keeps the progress (default: eventline-redrive.<topic>)")
      .option("--dry-run", "show what would be redriven; send and commit nothing")
      .option("--force", "redrive records the current schema rejects too")
      .addOption(formatOption()),
  ).action(async (name: string, opts: DlqRedriveOptions) => {
    setExit(await (await import("./commands/dlq.js")).runRedrive(name, opts, io));
  });
  kafkaCommon(
    cli
      .command("replay")
      .description(
        "Reset a consumer group's position on a channel by offset or time, or copy it into a new group",
      )
      .requiredOption("--channel <channel>", "the channel: its topic, id (service/channel) or key")
      .requiredOption("--group <id>", "the consumer group to move (or to copy from, with --to-group)")
      .option("--from <position>", "an offset, an ISO 8601 time, earliest or latest")
      .option("--to-group <id>", "write the position into this group instead (a new projection)")
      .option("--dry-run", "print the plan per partition; change nothing")
      .addOption(formatOption()),
  ).action(async (opts: ReplayCommandOptions) => {
    setExit(await (await import("./commands/replay.js")).run(opts, io));
  });
  const monitor = kafkaCommon(
    cli
      .command("monitor")
      .description(
        "Live view of consumer lag per group, channel and partition, lag trend and dead-letter depth",
      )
      .option("--group <id...>", "consumer groups (default: the groupId bindings of the receive operations)")
      .option("--interval <seconds>", "refresh interval (default: 5)")
      .option("--once", "print one snapshot and exit")
      .option(
        "--prometheus <url>",
        "Prometheus server scraping the services: adds handler p50/p99 and dead-letter rate per group",
      )
      .addOption(formatOption()),
  ).action(async (opts: MonitorOptions) => {
    setExit(await (await import("./commands/monitor.js")).run(opts, io));
  });
  monitor
    .command("rules")
    .description(
      "Prometheus alerting rules from the catalog: lag and p99 per group (x-eventline-slo), dead letters",
    )
    .option("-o, --out <file>", "write the rules file here (default: standard output)")
    .option("--window <duration>", "rate window of the expressions (default: 5m)")
    .option("--prefix <prefix>", "prepend this to every topic name of the catalog")
    .option("--root <dir>", ROOT_HELP)
    .option("-c, --config <file>", "config file (default: eventline.config.{yaml,yml,json} in the root)")
    .action(async (_opts: MonitorRulesOptions, command: Command) => {
      // `monitor` declares --prefix, --root and --config too, and commander gives them to it.
      const opts = command.optsWithGlobals<MonitorRulesOptions>();
      setExit(await (await import("./commands/monitor-rules.js")).run(opts, io));
    });
  kafkaCommon(
    cli
      .command("load")
      .description(
        "Publish valid messages generated from the schemas at a target rate through the generated-client path, and report",
      )
      .requiredOption("--channel <channel...>", "channels to load: topic, id (service/channel) or key")
      .option(
        "--message <name...>",
        "only these messages of the channels (default: every message declared there)",
      )
      .option("--rate <msgs/s>", "target rate (default: the channels' x-eventline-peak-rate)")
      .option("--duration <time>", "how long, e.g. 10s, 500ms, 2m (default: 10s unless --messages)")
      .option("--messages <n>", "how many messages (with --duration: whichever comes first)")
      .option("--ramp <time>", "ramp the rate up linearly from 0 over this time (default: none)")
      .option("--concurrency <n>", "publishes awaiting acknowledgement at most (default: 256)")
      .option("--keys <n>", "distinct partition-key values (default: 1000)")
      .option("--seed <n>", "seed of the payload generator (default: 1)")
      .option(
        "--group <id>",
        "measure end-to-end latency to this consumer group and its lag at the end (objective: x-eventline-slo maxLag)",
      )
      .option(
        "--drain <time>",
        "with --group: wait this long at most for the group to process the messages (default: 5s)",
      )
      .option("--max-p99 <ms>", "objective: publish latency p99 at most this many milliseconds")
      .addOption(
        new Option("--transport <transport>", "where to publish")
          .choices(["kafka", "memory"])
          .default("kafka"),
      )
      .option("--allow-remote", "allow brokers that are not on this machine (loopback only by default)")
      .addOption(formatOption()),
  ).action(async (opts: LoadCommandOptions) => {
    setExit(await (await import("./commands/load.js")).run(opts, io));
  });
  return cli;
}

/**
 * The only place that catches: everything below returns data or throws, and here it becomes an exit
 * code. 0 clean, 1 findings at/above --fail-on, 2 usage/config/input error, 3 internal bug.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exit = 0;
  try {
    await program(io, (code) => {
      exit = code;
    }).parseAsync([...argv], { from: "user" });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successful exits; commander has already printed the usage error.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isEventlineError(error)) {
      printError(io, error);
      return exitCodeFor(error);
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(
      `eventline: internal error: this is a bug in Eventline ${VERSION}, not in your documents.\n` +
        `Please report it at ${ISSUES_URL} with the command you ran, your Node.js version (${process.version}) and this trace:\n\n${detail}\n`,
    );
    return 3;
  }
}
