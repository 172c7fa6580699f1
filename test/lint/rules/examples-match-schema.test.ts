import { describe, expect, it } from "vitest";
import { isJsonSchemaFormat } from "../../../src/lint/example-validator.js";
import {
  MAX_ERRORS_PER_EXAMPLE,
  examplesMatchSchema as rule,
} from "../../../src/lint/rules/examples-match-schema.js";
import { AT, broken, catalog, message, platform, platformCatalog, validExample } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const EX = `${AT.orderCreated}/examples/0`;
const ONLY = "asyncapi/orders.yaml#/components/messages/Tree";

/** A recursive schema as the parser resolves it: the child items are the root object itself. */
function treeSchema(): Record<string, unknown> {
  const tree: Record<string, unknown> = {
    type: "object",
    "x-parser-schema-id": "Tree",
    properties: { name: { type: "string" }, children: { type: "array" } },
    required: ["name"],
  };
  (tree.properties as { children: Record<string, unknown> }).children.items = tree;
  return tree;
}

const tree = (payload: unknown, name = "deep") =>
  catalog({ messages: [message("Tree", { payload: treeSchema(), examples: [{ name, payload }] })] });

const valid: ValidCase[] = [
  { name: "the healthy platform", catalog: platformCatalog(platform()) },
  {
    name: "an example that shows only the headers",
    catalog: broken((p) => void delete p.orderCreated.examples[0]!.payload),
  },
  {
    name: "an Avro payload (not a JSON Schema format)",
    catalog: catalog({
      messages: [
        message("Avro", {
          payload: { type: "object", required: ["orderId"] },
          payloadFormat: "application/vnd.apache.avro;version=1.9.0",
          examples: [{ payload: { somethingElse: 1 } }],
        }),
      ],
    }),
  },
  {
    name: "a recursive schema",
    catalog: tree({ name: "root", children: [{ name: "a", children: [{ name: "b" }] }] }),
  },
  {
    name: "AsyncAPI 2 style: schema format, string discriminator, parser annotations, draft-07",
    catalog: catalog({
      messages: [
        message("Pet", {
          payloadFormat: "application/vnd.aai.asyncapi+json;version=2.6.0",
          payload: {
            type: "object",
            discriminator: "petType",
            "x-parser-schema-id": "Pet",
            properties: { petType: { type: "string" } },
            required: ["petType"],
          },
          examples: [{ payload: { petType: "cat" } }],
        }),
      ],
    }),
  },
  {
    name: "a draft-04 $schema ajv does not ship",
    catalog: catalog({
      messages: [
        message("Old", {
          payload: { $schema: "http://json-schema.org/draft-04/schema#", type: "object", required: ["a"] },
          examples: [{ payload: { a: 1 } }],
        }),
      ],
    }),
  },
  {
    name: "nested $id of inlined files that would otherwise collide or rebase",
    catalog: catalog({
      messages: [
        message("Ids", {
          payload: {
            $id: "https://example.com/a.json",
            type: "object",
            properties: {
              a: {
                $id: "https://example.com/common.json",
                $schema: "http://json-schema.org/draft-07/schema#",
                type: "string",
              },
              b: { $id: "https://example.com/common.json", $anchor: "x", type: "string" },
            },
          },
          examples: [{ payload: { a: "x", b: "y" } }],
        }),
      ],
    }),
  },
];

const compileCatalog = () =>
  catalog({
    messages: [
      message("Typo", {
        payload: { type: "object", properties: { a: { type: "strin" } } },
        examples: [
          { name: "one", payload: { a: 1 } },
          { name: "two", payload: {} },
        ],
      }),
    ],
  });

const invalid: InvalidCase[] = [
  {
    name: "a payload value that breaks a pattern",
    catalog: broken((p) => {
      (p.orderCreated.examples[0]!.payload as { total: { amount: string } }).total.amount = "12.345";
    }),
    expected: [
      {
        message: 'example "created" payload /total/amount: must match pattern "^\\d+(\\.\\d{1,2})?$"',
        at: `${EX}/payload/total/amount`,
      },
    ],
  },
  {
    name: "headers without a required header",
    catalog: broken((p) => void delete (p.orderCreated.examples[0]!.headers as { ce_id?: string }).ce_id),
    expected: [
      { message: "example \"created\" headers: must have required property 'ce_id'", at: `${EX}/headers` },
    ],
  },
  {
    name: "an extra payload property, pointed at itself",
    catalog: broken((p) => {
      (p.orderCreated.examples[0]!.payload as Record<string, unknown>)["extra"] = 1;
    }),
    expected: [
      {
        message: 'example "created" payload /extra: must NOT have additional properties: "extra"',
        at: `${EX}/payload/extra`,
      },
    ],
  },
  {
    name: "an unnamed second example, with a format error",
    catalog: broken((p) => {
      p.orderCreated.examples.push({
        ...validExample(),
        source: { ...p.orderCreated.source, pointer: `${p.orderCreated.source.pointer}/examples/1` },
      });
      delete p.orderCreated.examples[1]!.name;
      (p.orderCreated.examples[1]!.payload as { orderId: string }).orderId = "not-a-uuid";
    }),
    expected: [
      {
        message: 'example #2 payload /orderId: must match format "uuid"',
        at: `${AT.orderCreated}/examples/1/payload/orderId`,
      },
    ],
  },
  {
    name: "a deep error in a recursive schema",
    catalog: tree({ name: "root", children: [{ name: "a", children: [{ name: 7 }] }] }),
    expected: [
      {
        message: 'example "deep" payload /children/0/children/0/name: must be string',
        at: `${ONLY}/examples/0/payload/children/0/children/0/name`,
      },
    ],
  },
  {
    name: "2020-12 keywords are understood (prefixItems)",
    catalog: catalog({
      messages: [
        message("Pair", {
          payload: {
            $schema: "https://json-schema.org/draft/2020-12/schema",
            type: "array",
            prefixItems: [{ type: "string" }],
          },
          examples: [{ name: "pair", payload: [1] }],
        }),
      ],
    }),
    expected: [
      {
        message: 'example "pair" payload /0: must be string',
        at: "asyncapi/orders.yaml#/components/messages/Pair/examples/0/payload/0",
      },
    ],
  },
  {
    name: "an enum mismatch lists the allowed values",
    catalog: catalog({
      messages: [
        message("Color", {
          payload: { type: "string", enum: ["red", "green"] },
          examples: [{ name: "blue", payload: "blue" }],
        }),
      ],
    }),
    expected: [
      {
        message: 'example "blue" payload: must be equal to one of the allowed values: "red", "green"',
        at: "asyncapi/orders.yaml#/components/messages/Color/examples/0/payload",
      },
    ],
  },
  {
    name: "a schema ajv cannot compile: one finding for the message, not one per example",
    catalog: compileCatalog(),
    expected: [
      {
        message:
          /^the payload schema of message "Typo" cannot be compiled to check its examples: schema is invalid: /,
        at: "asyncapi/orders.yaml#/components/messages/Typo/payload",
      },
    ],
  },
];

describe(rule.id, () => {
  it.each(valid)("accepts $name", ({ catalog }) => expect(rule.check(catalog)).toEqual([]));
  it.each(invalid)("reports $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));

  it(`reports at most ${MAX_ERRORS_PER_EXAMPLE} errors per example and says how many were left out`, () => {
    const properties = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`p${i}`, { type: "string" }]));
    const c = catalog({
      messages: [
        message("Many", {
          payload: { type: "object", properties },
          examples: [
            { name: "many", payload: Object.fromEntries(Object.keys(properties).map((k) => [k, 1])) },
          ],
        }),
      ],
    });
    const findings = rule.check(c);
    expect(findings).toHaveLength(MAX_ERRORS_PER_EXAMPLE);
    expect(findings.at(-1)!.message).toBe(
      'example "many" payload /p4: must be string (3 more errors not shown)',
    );
    // Distinct keys: several errors at one pointer must keep distinct fingerprints.
    expect(new Set(findings.map((f) => `${f.subPointer}\0${f.key}`)).size).toBe(findings.length);
  });

  it("validates payload and headers of one example together", () => {
    const c = broken((p) => {
      const ex = p.orderCreated.examples[0]!;
      (ex.payload as { orderId: unknown }).orderId = 5;
      delete (ex.headers as { ce_type?: string }).ce_type;
    });
    expect(rule.check(c).map((f) => f.subPointer)).toEqual(["/payload/orderId", "/headers"]);
  });

  it("does not throw on an example whose data refers to itself", () => {
    const data: Record<string, unknown> = { name: "loop" };
    data.children = [data];
    const findings = rule.check(tree(data));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/^example "deep" payload cannot be validated: /);
  });

  it("checks again with a fresh schema ref (compiled validators are cached per message schema)", () => {
    const c = compileCatalog();
    expect(rule.check(c)).toHaveLength(1);
    expect(rule.check(c)).toHaveLength(1);
  });
});

describe("isJsonSchemaFormat", () => {
  it.each([
    [undefined, true],
    ["application/vnd.aai.asyncapi;version=3.0.0", true],
    ["application/vnd.aai.asyncapi+yaml;version=2.6.0", true],
    ["application/schema+json;version=draft-07", true],
    ["application/schema+yaml;version=2020-12", true],
    ["application/vnd.apache.avro;version=1.9.0", false],
    ["application/vnd.google.protobuf;version=3", false],
    ["application/raml+yaml;version=1.0", false],
  ])("%s → %s", (format, expected) => expect(isJsonSchemaFormat(format)).toBe(expected));
});
