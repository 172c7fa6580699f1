// A JSON Schema as rows of a tree: one row per property or sub-schema, with what a reader wants to
// see about it (type, required, enum, format, bounds, description). The page renders the rows with
// <details>, so the tree folds without JavaScript.

export interface SchemaRow {
  name: string;
  /** "property" | "item" | "one of" … : how the row hangs off its parent. */
  role: string;
  type: string;
  required: boolean;
  description?: string;
  facts: string[];
  enumValues: string[];
  /** A local back-reference of a recursive schema ("#/properties/parent"). */
  ref?: string;
  children: SchemaRow[];
}

type Schema = Record<string, unknown>;

const BOUNDS: [string, string][] = [
  ["minimum", "≥"], ["exclusiveMinimum", ">"], ["maximum", "≤"], ["exclusiveMaximum", "<"],
  ["minLength", "min length"], ["maxLength", "max length"], ["minItems", "min items"],
  ["maxItems", "max items"], ["minProperties", "min properties"], ["maxProperties", "max properties"],
  ["multipleOf", "multiple of"],
];

/** Large schemas are cut off at this many rows; the raw schema download has the rest. */
export const MAX_ROWS = 400;

function typeOf(schema: Schema): string {
  const t = schema.type;
  if (Array.isArray(t)) return t.join(" | ");
  if (typeof t === "string") {
    if (t === "array" && isSchema(schema.items)) return `${typeOf(schema.items as Schema)}[]`;
    return t;
  }
  if ("const" in schema) return "const";
  if (Array.isArray(schema.enum)) return "enum";
  if (schema.oneOf) return "one of";
  if (schema.anyOf) return "any of";
  if (schema.allOf) return "all of";
  if (schema.properties) return "object";
  if (typeof schema.$ref === "string") return "recursive";
  return "any";
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function schemaRows(schema: unknown, budget = { rows: MAX_ROWS }): SchemaRow[] {
  if (!isSchema(schema)) return [];
  const rows: SchemaRow[] = [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const props = isSchema(schema.properties) ? schema.properties : {};
  for (const [name, child] of Object.entries(props)) {
    if (budget.rows-- <= 0) break;
    rows.push(row(name, "property", child, required.has(name), budget));
  }
  if (isSchema(schema.patternProperties)) {
    for (const [pattern, child] of Object.entries(schema.patternProperties)) {
      if (budget.rows-- <= 0) break;
      rows.push(row(`/${pattern}/`, "pattern property", child, false, budget));
    }
  }
  if (isSchema(schema.additionalProperties)) {
    rows.push(row("*", "additional properties", schema.additionalProperties, false, budget));
  }
  if (isSchema(schema.items) && budget.rows-- > 0) {
    const items = schema.items as Schema;
    if (items.properties || items.oneOf || items.anyOf || items.allOf) rows.push(...schemaRows(items, budget));
  }
  for (const key of ["oneOf", "anyOf", "allOf"] as const) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    list.forEach((child, i) => {
      if (budget.rows-- <= 0) return;
      const label = isSchema(child) && typeof child.title === "string" ? child.title : `option ${i + 1}`;
      rows.push(row(label, key === "allOf" ? "all of" : key === "oneOf" ? "one of" : "any of", child, false, budget));
    });
  }
  return rows;
}

function row(name: string, role: string, value: unknown, required: boolean, budget: { rows: number }): SchemaRow {
  const schema = isSchema(value) ? value : {};
  const facts: string[] = [];
  if (typeof schema.format === "string") facts.push(`format: ${schema.format}`);
  if (typeof schema.pattern === "string") facts.push(`pattern: ${schema.pattern}`);
  for (const [key, label] of BOUNDS) if (key in schema) facts.push(`${label} ${show(schema[key])}`);
  if ("const" in schema) facts.push(`= ${show(schema.const)}`);
  if ("default" in schema) facts.push(`default ${show(schema.default)}`);
  if (schema.deprecated === true) facts.push("deprecated");
  if (schema.additionalProperties === false) facts.push("no other properties");
  const itemsEnum = isSchema(schema.items) && Array.isArray(schema.items.enum) ? schema.items.enum : undefined;
  const enumValues = (Array.isArray(schema.enum) ? schema.enum : (itemsEnum ?? [])).map(show);
  return {
    name,
    role,
    type: typeOf(schema),
    required,
    ...(typeof schema.description === "string" ? { description: schema.description } : {}),
    facts,
    enumValues,
    ...(typeof schema.$ref === "string" ? { ref: schema.$ref } : {}),
    children: schemaRows(schema, budget),
  };
}

/** Every property name and enum value in the schema, for the search index. */
export function searchTerms(schema: unknown, out = new Set<string>(), depth = 0): Set<string> {
  if (!isSchema(schema) || depth > 20 || out.size > 2000) return out;
  if (isSchema(schema.properties)) for (const name of Object.keys(schema.properties)) out.add(name);
  if (Array.isArray(schema.enum)) for (const v of schema.enum) out.add(show(v));
  for (const value of Object.values(schema)) {
    if (Array.isArray(value)) for (const v of value) searchTerms(v, out, depth + 1);
    else if (isSchema(value)) searchTerms(value, out, depth + 1);
  }
  return out;
}
