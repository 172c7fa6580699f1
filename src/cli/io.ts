import type { EventlineError } from "../errors.js";

/** Where a command writes; injected so tests can capture output without spawning a process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour text output (a TTY that did not ask for NO_COLOR). */
  color: boolean;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    cwd: process.cwd(),
  };
}

/** How a command's bad-input error is shown: its message, then its hint. */
export function printError(io: CliIo, error: EventlineError): void {
  io.stderr(`eventline: error: ${error.message}\n`);
  if (error.hint) io.stderr(`  hint: ${error.hint}\n`);
}
