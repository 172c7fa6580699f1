// The AsyncAPI parser runs in this worker thread so that a document that makes it spin or swell
// can be stopped (terminate) without taking the process down. Plain JS: a worker must be loadable
// both from src/ (tests) and from dist/ without a TypeScript loader.
import { parentPort } from "node:worker_threads";
import { AvroSchemaParser } from "@asyncapi/avro-schema-parser";
import { Parser } from "@asyncapi/parser";
import { shareSpecAjv } from "./share-spec-ajv.js";

// The specification's own schema is compiled once per worker, not once per document (see the module).
const specAjvShared = shareSpecAjv().shared;

// One Parser per worker: creating it loads the Spectral rulesets, which is most of its cost.
// Its resolver must not cache files across parses: the worker outlives a load, and a $ref'd file
// edited between two loads would otherwise resolve to its old content (and be cached on disk so).
//
// Referenced files are served from the texts Eventline already read and checked (`files`), so the
// parser sees exactly what the $ref policy approved, even if a file changes on disk meanwhile. The
// worker handles one request at a time, so one current map suffices.
let currentFiles = new Map();
// The resolver hands over the URI as written (`my%20schemas/p.json`); our map is keyed by real paths.
function filePath(uri) {
  const href = uri.href();
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}
const parser = new Parser({
  schemaParsers: [AvroSchemaParser()],
  __unstable: {
    resolver: {
      cache: false,
      resolvers: [
        {
          schema: "file",
          order: 1,
          canRead: (uri) => currentFiles.has(filePath(uri)),
          read: (uri) => currentFiles.get(filePath(uri)),
        },
      ],
    },
  },
});

/** Parser annotations are internal bookkeeping, not part of the user's document. */
function stripParserKeys(root) {
  const seen = new Set();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    if (!Array.isArray(node)) {
      for (const key of Object.keys(node)) {
        if (key.startsWith("x-parser-")) delete node[key];
      }
    }
    for (const value of Object.values(node)) stack.push(value);
  }
  return root;
}

/**
 * `{prepare: version}`: compile that AsyncAPI version's specification schema now, while the main thread
 * is still reading the document that will need it, by parsing the smallest document of that version.
 * Nothing is answered. Only worth it when the compiled schema is kept for the next documents.
 */
async function prepare(version) {
  if (!specAjvShared) return;
  const warmUp = { asyncapi: version, info: { title: "warm-up", version: "1" }, channels: {} };
  try {
    await parser.parse(JSON.stringify(warmUp));
  } catch {
    // A hint only: the real document reports its own problems.
  }
}

// Messages are handled one after the other: a warm-up and a document never share the Parser.
let queue = Promise.resolve();
parentPort.on("message", (request) => {
  queue = queue.then(() =>
    request.prepare !== undefined ? prepare(String(request.prepare)) : parse(request),
  );
});

async function parse(request) {
  const { id, text, source, files } = request;
  currentFiles = new Map(Object.entries(files ?? {}));
  try {
    const { document, diagnostics } = await parser.parse(text, { source });
    parentPort.postMessage({
      id,
      diagnostics: diagnostics.map((d) => ({
        code: String(d.code),
        message: d.message,
        path: d.path.map((p) => (typeof p === "number" ? p : String(p))),
        severity: d.severity,
        source: d.source,
        range: d.range,
      })),
      resolved: document ? stripParserKeys(document.json()) : undefined,
    });
  } catch (error) {
    parentPort.postMessage({
      id,
      crash: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
}
