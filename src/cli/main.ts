import { Command, CommanderError, Option } from "commander";
import { CLI_MODES } from "../compat/check/types.js";
import { SEVERITIES } from "../diagnostics/index.js";
import { exitCodeFor, isEventlineError } from "../errors.js";
import { HISTORY_KINDS } from "../model/git-history.js";
import { REPORT_FORMATS } from "../report/index.js";
import { VERSION } from "../version.js";
import type { CompatOptions } from "./commands/compat.js";
import type { GenerateCommandOptions } from "./commands/generate.js";
import type { KafkaApplyOptions, KafkaLagOptions } from "./commands/kafka.js";
import type { ValidateOptions } from "./commands/validate.js";
import { type CliIo, printError, processIo } from "./io.js";

// Each command is imported when it runs: `validate` need not load kafkajs, prettier or the generator.
const ISSUES_URL = "https://github.com/eventline/eventline/issues";

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
    .option("--root <dir>", "project root: config file, default globs, $ref boundary, cache (default: .)")
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
      "--runtime-import <specifier>",
      "import specifier of the runtime in generated code",
      "eventline/runtime",
    )
    .option("--root <dir>", "project root: config file, default globs, $ref boundary (default: .)")
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
    .option("--root <dir>", "project root: config file, default globs, $ref boundary (default: .)")
    .option("-c, --config <file>", "config file (default: eventline.config.{yaml,yml,json} in the root)")
    .action(async (old: string | undefined, next: string | undefined, opts: Omit<CompatOptions, "paths">) => {
      const paths = [old, next].filter((p): p is string => p !== undefined);
      setExit(await (await import("./commands/compat.js")).run({ ...opts, paths }, io));
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
      .option("--root <dir>", "project root: config file, default globs, $ref boundary (default: .)")
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
