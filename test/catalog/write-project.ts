import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A temp project holding the given files (path → text), with an empty config. */
export function writeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "eventline-catalog-"));
  writeFileSync(join(dir, "eventline.config.yaml"), 'documents: ["asyncapi/**/*.yaml"]\n');
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
