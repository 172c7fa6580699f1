import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { Parser } from "@asyncapi/parser";
import { describe, expect, it } from "vitest";
import { shareSpecAjv } from "../../src/model/share-spec-ajv.js";

// The worker patch must change how often the AsyncAPI specification's schema is compiled, and nothing
// else: every document below is parsed by the parser as it ships, then again after the patch, and the
// diagnostics must be the same, message for message.

const REPO = resolve(import.meta.dirname, "../..");
const CORPUS = resolve(REPO, "../shared/corpus/asyncapi");

const INVALID_V3 = [
  "asyncapi: 3.0.0",
  "info: {title: Broken, version: '1'}",
  "channels:",
  "  a:",
  "    address: 12",
  "    messages:",
  "      M: {payload: {type: object}, contentType: 7}",
  "operations:",
  "  op: {action: shout, channel: {$ref: '#/channels/a'}}",
  "",
].join("\n");
const INVALID_V2 = [
  "asyncapi: 2.6.0",
  "info: {title: Broken, version: '1', license: 3}",
  "channels:",
  "  a:",
  "    subscribe: {message: {payload: {type: object}, headers: 5}}",
  "    publish: {bindings: []}",
  "",
].join("\n");

/** A 2.6 document whose payload carries `$id` and has one example: the example is checked against it. */
const withPayloadId = (id: string, type: string) =>
  JSON.stringify({
    asyncapi: "2.6.0",
    info: { title: "T", version: "1" },
    channels: { a: { subscribe: { message: { payload: { $id: id, type }, examples: [{ payload: "x" }] } } } },
  });

/** Invalid documents (inline, always present), the example platform, and some corpus documents. */
function documents(): { name: string; text: string; source: string }[] {
  const docs = [
    { name: "inline invalid 3.0", text: INVALID_V3, source: join(REPO, "inline-v3.yaml") },
    { name: "inline invalid 2.6", text: INVALID_V2, source: join(REPO, "inline-v2.yaml") },
  ];
  // A user schema with an asyncapi.com `$id`, the same `$id` with other content in the next document:
  // each document must still be checked against its own schema.
  const id = "https://asyncapi.com/examples/user.json";
  for (const type of ["string", "integer"]) {
    docs.push({
      name: `payload ${id} ${type}`,
      text: withPayloadId(id, type),
      source: join(REPO, `${type}.json`),
    });
  }
  for (const file of ["orders.yaml", "payments.yaml"]) {
    const source = join(REPO, "asyncapi", file);
    docs.push({ name: `asyncapi/${file}`, text: readFileSync(source, "utf8"), source });
  }
  const corpus = [
    "microcks-user-signedup-2.0.yaml",
    "microcks-api-maintenance-2.0.yaml",
    "microcks-spring-cloud-stream-nulls-2.1.yaml",
    "spec-streetlights-operation-security-3.1.yaml",
    "spec-kraken-ws-multiple-channels-3.0.yaml",
  ];
  if (existsSync(CORPUS)) {
    for (const file of corpus) {
      const source = join(CORPUS, file);
      docs.push({ name: `corpus/${file}`, text: readFileSync(source, "utf8"), source });
    }
  } else {
    console.log(`share-spec-ajv: ${CORPUS} is absent, corpus documents skipped`);
  }
  return docs;
}

async function diagnosticsOf(docs: ReturnType<typeof documents>) {
  const parser = new Parser();
  const out: Record<string, string[]> = {};
  for (const doc of docs) {
    const { diagnostics } = await parser.parse(doc.text, { source: doc.source });
    out[doc.name] = diagnostics.map(
      (d) => `${d.severity} ${String(d.code)} ${d.path.join("/")} ${d.message} @${JSON.stringify(d.range)}`,
    );
  }
  return out;
}

describe("shareSpecAjv", () => {
  it("compiles the specification's schema once and leaves every diagnostic unchanged", async () => {
    const functions = createRequire(createRequire(import.meta.url).resolve("@asyncapi/parser"))(
      "@stoplight/spectral-functions",
    );
    // A process where the patch is already in place would make the comparison below vacuous.
    expect(functions.schema.eventlineSharedSpecAjv).toBeUndefined();

    const docs = documents();
    const before = await diagnosticsOf(docs);
    expect(shareSpecAjv()).toEqual({ shared: true });
    expect(functions.schema.eventlineSharedSpecAjv).toBe(true);
    const after = await diagnosticsOf(docs);

    expect(after).toEqual(before);
    // The inline documents are there to exercise the specification schema's error path.
    expect(before["inline invalid 3.0"]?.some((d) => d.startsWith("0 "))).toBe(true);
    expect(before["inline invalid 2.6"]?.some((d) => d.startsWith("0 "))).toBe(true);
    // The example "x" is wrong for the integer payload only.
    const exampleErrors = (name: string) => before[name]?.filter((d) => /must be integer/.test(d)).length;
    expect(exampleErrors("payload https://asyncapi.com/examples/user.json integer")).toBeGreaterThan(0);
    expect(exampleErrors("payload https://asyncapi.com/examples/user.json string")).toBe(0);
    // Applying it twice keeps one wrapper.
    expect(shareSpecAjv()).toEqual({ shared: true });
  });
});
