import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A fresh project directory holding `files` (relative path → text). */
export function scratchProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "eventline-project-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The smallest valid AsyncAPI 3.0 document, to append channels and components to. */
export const MINIMAL_DOCUMENT = "asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\n";

/** A document with one channel `c` and one message `M` whose payload is `payload` (YAML flow). */
export const channelWithPayload = (payload: string) =>
  `${MINIMAL_DOCUMENT}channels:\n  c:\n    address: c\n    messages:\n      M:\n        payload: ${payload}\n`;
