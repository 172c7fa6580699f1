import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { platformCopy } from "../cli/run-cli.js";

/** A busy machine (CI beside other jobs) can take longer than the default 20 s per document. */
export const SLOW_MACHINE_LIMITS = "limits:\n  timeoutMs: 180000\n";

/** A temp project holding the given files (path → text), with a config naming asyncapi/ and generous limits. */
export function writeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "eventline-catalog-"));
  writeFileSync(
    join(dir, "eventline.config.yaml"),
    `documents: ["asyncapi/**/*.yaml"]\n${SLOW_MACHINE_LIMITS}`,
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** One service sending one message with the given payload schema and examples (YAML flow style). */
export function oneMessageDocument(payload: string, examples: string): string {
  return `asyncapi: 3.0.0
info:
  title: Billing
  version: 1.0.0
  description: Bills **customers**.
channels:
  invoices:
    address: billing.invoices.v1
    messages:
      InvoiceIssued:
        $ref: '#/components/messages/InvoiceIssued'
operations:
  publishInvoiceIssued:
    action: send
    channel:
      $ref: '#/channels/invoices'
components:
  messages:
    InvoiceIssued:
      name: InvoiceIssued
      payload: ${payload}
      examples: ${examples}
`;
}

/** A copy of the example platform whose config allows a slow machine more time per document. */
export function platformProject(prefix = "eventline-catalog-"): string {
  const dir = platformCopy(prefix);
  appendFileSync(join(dir, "eventline.config.yaml"), SLOW_MACHINE_LIMITS);
  return dir;
}
