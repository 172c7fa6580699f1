// fast-check arbitraries of AsyncAPI 3.0 service documents meant to stress code generation: message
// names no identifier would accept, descriptions that try to break out of comments and strings,
// payloads with nesting, recursion through component `$ref`s, compositions, enums and formats.
import fc from "fast-check";

export interface GeneratedDocument {
  /** The AsyncAPI document (JSON-serialisable). */
  doc: Record<string, unknown>;
  /** Per message: its components key and `name` (names are unique within a document). */
  messages: { key: string; name: string; action: "send" | "receive" }[];
}

type Schema = Record<string, unknown>;

/** Names that break naive code generators: keywords, digits first, punctuation, unicode, comment ends. */
const ODD_NAMES = [
  "class",
  "Class",
  "constructor",
  "default",
  "string",
  "Promise",
  "contract",
  "order created",
  "order-created",
  "Order.Created.v2",
  "2fa enabled",
  "42",
  "größe ändern",
  "注文作成",
  "*/ alert(1) /*",
  "`${process.exit(1)}`",
  'a"quote',
  "back\\slash",
  "  padded  ",
  "$dollar",
  "_under",
];

/** Component keys must match ^[A-Za-z0-9._-]+$ in AsyncAPI 3.0. */
const KEY = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,11}$/);
const COMPONENT_KEYS = fc.constantFrom(
  "class",
  "1st",
  "Money",
  "node",
  "a.b-c",
  "Order_Item",
  "default",
  "type",
);

/** Property names that are also schema keywords, reserved words or not identifiers at all. */
const PROPERTY_NAMES = fc.oneof(
  fc.constantFrom(
    "id",
    "title",
    "example",
    "examples",
    "default",
    "enum",
    "type",
    "properties",
    "x-trace",
    "class",
    "constructor",
    "my prop",
    "1st",
    "ünï",
    "*/",
    "${x}",
  ),
  fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,7}$/),
);

const ODD_TEXT = fc.oneof(
  fc.constantFrom(
    "ends the comment */ here",
    "template `${injected}` text",
    "line one\nline two\r\nline three",
    "separators \u2028 and \u2029",
    "/* nested */ and // slashes",
    "<script>alert(1)</script>",
  ),
  fc.string({ maxLength: 20 }),
);

const FORMATS = fc.constantFrom("date-time", "uuid", "email", "date");

const leaf: fc.Arbitrary<Schema> = fc.oneof(
  fc.record({ type: fc.constant("string") }),
  fc.record({ type: fc.constant("string"), format: FORMATS }),
  fc
    .tuple(fc.nat(3), fc.nat(6))
    .map(([min, extra]) => ({ type: "string", minLength: min, maxLength: min + extra })),
  fc.constant({ type: "string", pattern: "^[a-z]+$" }),
  fc.tuple(fc.integer({ min: -5, max: 5 }), fc.nat(20)).map(([min, span]) => ({
    type: "integer",
    minimum: min,
    maximum: min + span,
  })),
  fc.constant({ type: "number" }),
  fc.constant({ type: "boolean" }),
  fc.constant({ type: ["string", "null"] }),
  fc
    .uniqueArray(
      fc.oneof(fc.constantFrom("a", "B c", "*/", "`x`", "${y}", "ü"), fc.integer({ min: -3, max: 3 })),
      {
        minLength: 1,
        maxLength: 4,
      },
    )
    .map((values) => ({ enum: values })),
  fc.constantFrom("fixed", 7, true).map((value) => ({ const: value })),
);

/**
 * A payload schema. `refs` are the component keys a property or an item may point to (recursion only
 * descends into the instance, so every schema has a finite meaning).
 */
function schemaArb(refs: readonly string[], depth: number): fc.Arbitrary<Schema> {
  const ref: fc.Arbitrary<Schema>[] =
    refs.length > 0 ? [fc.constantFrom(...refs).map((k) => ({ $ref: `#/components/schemas/${k}` }))] : [];
  // Where a subschema descends into the instance it may be a `$ref`.
  const child =
    depth <= 0
      ? fc.oneof(leaf, ...ref)
      : fc.oneof({ arbitrary: leaf, weight: 2 }, ...ref.map((arbitrary) => ({ arbitrary, weight: 1 })), {
          arbitrary: schemaArb(refs, depth - 1),
          weight: 2,
        });
  // Compositions apply to the same instance: no bare `$ref` there (a cycle through them has no meaning).
  const inPlace = depth <= 0 ? leaf : schemaArb(refs, depth - 1);
  const object = fc
    .tuple(
      fc.uniqueArray(fc.tuple(PROPERTY_NAMES, child), {
        minLength: 1,
        maxLength: 4,
        selector: ([name]) => name,
      }),
      fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      fc.constantFrom<unknown>(undefined, true, false, { type: "integer" }),
      fc.option(ODD_TEXT, { nil: undefined }),
    )
    .map(([props, req, additional, description]) => {
      const schema: Schema = { type: "object", properties: Object.fromEntries(props) };
      // A required property that is a `$ref` could make a recursive schema unsatisfiable: keep those optional.
      const required = props.filter(([, s], i) => req[i] && !("$ref" in s)).map(([name]) => name);
      if (required.length > 0) schema.required = required;
      if (additional !== undefined) schema.additionalProperties = additional;
      if (description !== undefined) schema.description = description;
      return schema;
    });
  const array = fc
    .tuple(child, fc.nat(2), fc.nat(3))
    .map(([items, min, extra]) => ({ type: "array", items, minItems: min, maxItems: min + extra }));
  const composed = fc
    .tuple(fc.constantFrom("oneOf", "anyOf", "allOf"), fc.array(inPlace, { minLength: 2, maxLength: 3 }))
    .map(([keyword, branches]) => ({ [keyword]: branches }));
  if (depth <= 0) return fc.oneof(leaf, object);
  return fc.oneof(
    { arbitrary: object, weight: 3 },
    { arbitrary: array, weight: 1 },
    { arbitrary: composed, weight: 1 },
    {
      arbitrary: leaf,
      weight: 1,
    },
  );
}

const messageName = fc.oneof(fc.constantFrom(...ODD_NAMES), fc.string({ minLength: 1, maxLength: 12 }));

/** An AsyncAPI 3.0 document of one service with 1–4 messages, each sent or received. */
export const asyncapiDocument: fc.Arbitrary<GeneratedDocument> = fc
  .uniqueArray(COMPONENT_KEYS, { minLength: 0, maxLength: 3 })
  .chain((componentKeys) =>
    fc
      .record({
        title: fc.oneof(fc.constantFrom(...ODD_NAMES), fc.string({ minLength: 1, maxLength: 10 })),
        description: ODD_TEXT,
        components: fc.tuple(...componentKeys.map(() => schemaArb(componentKeys, 1))),
        messages: fc.uniqueArray(
          fc.record({
            key: KEY,
            name: messageName,
            action: fc.constantFrom<"send" | "receive">("send", "receive"),
            description: fc.option(ODD_TEXT, { nil: undefined }),
            summary: fc.option(ODD_TEXT, { nil: undefined }),
            payload: fc.oneof(
              schemaArb(componentKeys, 2),
              ...(componentKeys.length > 0
                ? [fc.constantFrom(...componentKeys).map((k) => ({ $ref: `#/components/schemas/${k}` }))]
                : []),
            ),
            headers: fc.option(
              fc.constant({
                type: "object",
                properties: { "x-trace-id": { type: "string", format: "uuid" }, tenant: { type: "string" } },
              }),
              { nil: undefined },
            ),
          }),
          { minLength: 1, maxLength: 4, selector: (m) => m.key.toLowerCase() },
        ),
      })
      .filter((d) => new Set(d.messages.map((m) => m.name)).size === d.messages.length)
      .map((d) => build(d, Object.fromEntries(componentKeys.map((k, i) => [k, d.components[i]!])))),
  );

function build(
  d: {
    title: string;
    description: string;
    components: Schema[];
    messages: {
      key: string;
      name: string;
      action: "send" | "receive";
      description: string | undefined;
      summary: string | undefined;
      payload: Schema;
      headers: Schema | undefined;
    }[];
  },
  schemas: Record<string, Schema>,
): GeneratedDocument {
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  d.messages.forEach((m, i) => {
    const message: Record<string, unknown> = {
      name: m.name,
      contentType: "application/json",
      payload: m.payload,
    };
    if (m.summary !== undefined) message.summary = m.summary;
    if (m.description !== undefined) message.description = m.description;
    if (m.headers !== undefined) message.headers = m.headers;
    messages[m.key] = message;
    channels[`ch${i}`] = {
      address: `topic.${i}.${m.key}`,
      messages: { [m.key]: { $ref: `#/components/messages/${m.key}` } },
    };
    operations[`op${i}`] = {
      action: m.action,
      channel: { $ref: `#/channels/ch${i}` },
      messages: [{ $ref: `#/channels/ch${i}/messages/${m.key}` }],
    };
  });
  return {
    doc: {
      asyncapi: "3.0.0",
      info: { title: d.title, version: "1.0.0", description: d.description },
      channels,
      operations,
      components: { schemas, messages },
    },
    messages: d.messages.map((m) => ({ key: m.key, name: m.name, action: m.action })),
  };
}
