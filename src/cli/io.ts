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
  // A reader that went away (`eventline … | head`) is not an error of ours: once stdout reports
  // EPIPE, further output is dropped and the command still ends with its own exit code. Without the
  // listener Node would print the write's stack trace and exit.
  let readerGone = false;
  if (process.stdout.listenerCount("error") === 0) {
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      readerGone = true;
    });
  }
  return {
    stdout: (text) => {
      if (!readerGone) process.stdout.write(text);
    },
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
