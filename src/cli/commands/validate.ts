import { hasFindingsAtOrAbove, type Severity } from "../../diagnostics/index.js";
import { validate } from "../../lint/index.js";
import { formatReport, type ReportFormat } from "../../report/index.js";
import type { CliIo } from "../io.js";

export interface ValidateOptions {
  paths: string[];
  format: ReportFormat;
  /** Overrides `failOn` from the config file. */
  failOn?: Severity;
  root?: string;
  config?: string;
  cache: boolean;
}

/** `eventline validate`: AsyncAPI validity plus Eventline's lint rules. Returns the exit code. */
export async function run(options: ValidateOptions, io: CliIo): Promise<number> {
  const { report, config } = await validate({
    cwd: io.cwd,
    paths: options.paths,
    ...(options.root !== undefined ? { root: options.root } : {}),
    ...(options.config !== undefined ? { configFile: options.config } : {}),
    ...(options.cache ? {} : { config: { cache: { enabled: false } } }),
  });
  io.stdout(formatReport(report, options.format, { color: io.color }));
  return hasFindingsAtOrAbove(report.diagnostics, options.failOn ?? config.failOn) ? 1 : 0;
}
