import type { Ajv, ValidateFunction } from "ajv";
import { createAjv } from "../model/ajv.js";
import type { SchemaNode } from "./normalise.js";

/**
 * Instance validation against a node, with ajv exactly as Eventline validates at runtime. Used
 * where a finite set of values decides a question exactly (enum/const writers, finite types).
 * Returns undefined when ajv cannot compile the schema: callers must then stay conservative.
 */
export class InstanceValidator {
  private readonly cache = new Map<string, ValidateFunction | null>();
  private ajv: Ajv | undefined;
  private base = "";

  validate(node: SchemaNode, value: unknown): boolean | undefined {
    if (node.never) return false;
    if (node.always) return true;
    const fn = this.compile(node);
    if (fn === undefined) return undefined;
    try {
      return fn(value) === true;
    } catch {
      return undefined;
    }
  }

  private compile(node: SchemaNode): ValidateFunction | undefined {
    const key = node.synthetic ? `synthetic:${node.id}` : node.pointer;
    if (!this.cache.has(key)) {
      let fn: ValidateFunction | null = null;
      try {
        const ajv = this.instance(node);
        fn = node.synthetic
          ? ajv.compile(node.raw)
          : (ajv.getSchema(`${this.base}#${encodePointer(node.pointer)}`) ?? null);
      } catch {
        fn = null;
      }
      this.cache.set(key, fn);
    }
    return this.cache.get(key) ?? undefined;
  }

  private instance(node: SchemaNode): Ajv {
    if (this.ajv === undefined) {
      const doc = node.doc;
      const ajv = createAjv(doc.draft, { logger: false, validateSchema: false, addUsedSchema: false });
      const root = doc.root;
      if (root !== null && typeof root === "object" && !Array.isArray(root)) {
        const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) };
        // The declared meta-schema may be one ajv does not bundle (draft-04); the draft is already chosen.
        delete copy.$schema;
        const declared = copy.$id;
        this.base =
          typeof declared === "string" && /^[a-z][a-z0-9+.-]*:/i.test(declared)
            ? declared.split("#")[0]!
            : "https://eventline.invalid/compat/schema.json";
        copy.$id = this.base;
        ajv.addSchema(copy);
      } else {
        this.base = "https://eventline.invalid/compat/schema.json";
        ajv.addSchema({ $id: this.base, allOf: [root ?? true] });
      }
      this.ajv = ajv;
    }
    return this.ajv;
  }
}

function encodePointer(pointer: string): string {
  return pointer
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");
}
