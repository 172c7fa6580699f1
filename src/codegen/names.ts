import { createHash } from "node:crypto";

// TypeScript reserved words and names a generated module cannot declare without shadowing a global
// the generated code itself uses.
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false " +
    "finally for function if import in instanceof new null return super switch this throw true try typeof " +
    "var void while with as implements interface let package private protected public static yield any " +
    "boolean number string symbol type from of await async constructor declare get set module namespace " +
    "require object never unknown undefined bigint infer is keyof readonly unique global " +
    "Array Object String Number Boolean Date Error Function Map Set Promise Record Symbol JSON Math"
  ).split(" "),
);

/** Splits any text into alphanumeric words (camelCase boundaries included). */
function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/**
 * A PascalCase TypeScript identifier for any text: `order-created.v1` → `OrderCreatedV1`. Never empty,
 * never starts with a digit, never a reserved word.
 */
export function pascalIdentifier(text: string): string {
  let id = words(text)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("")
    // A letter after a digit is upper case, as json-schema-to-typescript writes it (`T2FaEnabled`):
    // otherwise it renames the type and the bundle's name no longer matches.
    .replace(/(\d)([a-z])/g, (_, digit: string, letter: string) => digit + letter.toUpperCase());
  if (id === "") id = "Unnamed";
  if (/^[0-9]/.test(id)) id = `T${id}`;
  if (RESERVED.has(id)) id = `${id}Type`;
  return id;
}

/**
 * A property name for an object literal or a member access: the name as written when it is already
 * a valid identifier (so `publish.OrderCreated` reads like the contract), otherwise PascalCase.
 */
export function memberName(text: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text) && !RESERVED.has(text)) return text;
  return pascalIdentifier(text);
}

/** Short, stable disambiguator for a last-resort collision. */
export function shortHash(text: string): string {
  // Upper case: json-schema-to-typescript upper-cases a letter after a digit, renaming `T_3f2a1c`.
  return createHash("sha256").update(text).digest("hex").slice(0, 6).toUpperCase();
}

/**
 * Gives each key a unique name. Candidates are tried in order (most natural first); keys are
 * processed in sorted order, so the result does not depend on discovery order. When every candidate
 * is taken, the last one gets a hash of the key appended (`Money_3F2A1C`), never a counter.
 */
export function assignUniqueNames(
  requests: readonly { key: string; candidates: readonly string[] }[],
  taken: Iterable<string> = [],
): Map<string, string> {
  const used = new Set(taken);
  const result = new Map<string, string>();
  const sorted = [...requests].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { key, candidates } of sorted) {
    if (result.has(key)) continue;
    let name = candidates.find((c) => !used.has(c));
    if (name === undefined) name = `${candidates[candidates.length - 1] ?? "Unnamed"}_${shortHash(key)}`;
    used.add(name);
    result.set(key, name);
  }
  return result;
}

/** Text safe inside a `/** … *\/` comment: no terminator, no stray control characters. */
export function commentText(text: string): string {
  return text
    .replace(/\*\//g, "*\\/")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, " ")
    .split("")
    .map((c) => (c !== "\n" && c !== "\t" && c.charCodeAt(0) < 0x20 ? " " : c))
    .join("");
}

/** A string literal (JSON quoting is valid TypeScript, and escapes backticks' and `${` meaning away). */
export function stringLiteral(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
