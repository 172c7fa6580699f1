import { BuildContext, slug } from "./build-context.js";
import { buildV2 } from "./build-v2.js";
import { buildV3 } from "./build-v3.js";
import { linkEdges } from "./link.js";
import type { SourceFile } from "./source-file.js";
import type { Catalog } from "./types.js";

/**
 * A one-document catalog from an already-dereferenced AsyncAPI document, for hosts that resolve
 * documents themselves (Spectral). Pointers are paths in that resolved document; line numbers are
 * left to the host (every node reports 1:1).
 */
export function catalogFromResolvedDocument(document: unknown, name: string): Catalog {
  const file: SourceFile = {
    path: name,
    name,
    text: "",
    sha256: "",
    value: document,
    locate: () => ({ line: 1, column: 1 }),
  };
  const raw = (document ?? {}) as Record<string, unknown>;
  const info = (raw.info ?? {}) as Record<string, unknown>;
  const id = slug(typeof info.title === "string" ? info.title : name);
  const ctx = new BuildContext(file, new Map([[name, file]]), document);
  const built = String(raw.asyncapi ?? "").startsWith("2.") ? buildV2(ctx, id) : buildV3(ctx, id);
  return {
    root: "",
    documents: [name],
    services: built.service ? [built.service] : [],
    channels: built.channels,
    messages: built.messages,
    operations: built.operations,
    edges: linkEdges(built.channels, built.messages, built.operations),
    diagnostics: [],
  };
}
