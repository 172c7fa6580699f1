// Laws every registered rule obeys, whatever it checks.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isSeverity } from "../../src/diagnostics/index.js";
import { LINT_RULE_IDS, LINT_RULES, runLint } from "../../src/lint/index.js";
import type { Catalog, Channel, Message, Operation, Service } from "../../src/model/types.js";
import {
  catalog,
  catalogFiles,
  channel,
  EMPTY_CATALOG,
  loc,
  message,
  operation,
  platform,
  platformCatalog,
  service,
} from "./catalog-fixture.js";

const repo = (path: string) => new URL(`../../${path}`, import.meta.url);

/** A resolved schema that contains itself, through properties, items and allOf. */
function cyclicSchema(): Record<string, unknown> {
  const node: Record<string, unknown> = { type: "object", required: ["self", "id"] };
  node.properties = { self: node, id: { type: "string" }, list: { type: "array", items: node } };
  node.allOf = [node, { properties: { again: node } }];
  return node;
}

/** Every value a hand-written or half-parsed document could put where the model has `unknown` (and some worse). */
function weirdCatalog(): Catalog {
  const cyclic = cyclicSchema();
  const weird = (m: Message, patch: Record<string, unknown>) => Object.assign(m, patch) as Message;
  const messages: Message[] = [
    weird(
      message("Cyclic", {
        payload: cyclic,
        headers: cyclic,
        examples: [{ payload: { id: 1 } }, { headers: null }],
      }),
      {
        version: "x",
        partitionKey: "/self/self/id",
        compatibility: null,
        kafkaKey: { type: 5 },
        correlationId: { source: loc("asyncapi/orders.yaml", "/c"), location: null },
        extensions: { "x-eventline-partitionkey": 1, "x-eventline-": null, "x-eventline-a/b~c": [] },
      },
    ),
    weird(message("NumberName", { payload: 5, headers: "text", examples: [{ payload: [] }] }), {
      name: 42,
      version: -0.5,
      partitionKey: 42,
      tags: [null, 3, "command"],
      compatibility: 7,
    }),
    weird(
      message("NullSchemas", {
        payload: [],
        headers: true,
        examples: [{ name: null, payload: {} } as never],
      }),
      {
        partitionKey: { "/a": 1 },
        correlationId: { source: loc("asyncapi/orders.yaml", "/d"), location: "$message.payload#%zz" },
        examples: null,
        tags: undefined,
      },
    ),
    weird(message(""), { name: "" }),
    weird(message("Bad", { payload: { allOf: [null, 3, { properties: null, required: [null] }] } }), {
      partitionKey: "",
      kafkaKey: null,
    }),
  ];
  messages[0]!.payload!.schemaFormat = 12 as never;
  const channels: Channel[] = [
    Object.assign(channel("weird", { messages }), {
      address: 5,
      ordering: 7,
      bindings: null,
      extensions: null,
    }) as unknown as Channel,
    Object.assign(channel("nulls"), {
      address: null,
      ordering: "per-key",
      messages: [{ key: null, messageId: 3 }, null],
    }) as unknown as Channel,
  ];
  const operations: Operation[] = [
    Object.assign(operation("r", "receive", channels[0]!, messages, { hasReply: true }), {
      messageIds: [null, "missing", 5, messages[0]!.id],
      deadLetter: {
        channel: null,
        maxAttempts: "3",
        source: loc("asyncapi/orders.yaml", "/operations/r/x-eventline-dead-letter"),
      },
      idempotencyKey: 5,
      groupId: 7,
      bindings: { kafka: null },
    }) as unknown as Operation,
    Object.assign(operation("s", "send", channels[1]!, messages), {
      channelId: "nowhere",
      deadLetter: {
        channel: {},
        source: loc("asyncapi/orders.yaml", "/operations/s/x-eventline-dead-letter"),
      },
      idempotencyKey: null,
      hasReply: "yes",
      bindings: null,
      messageIds: undefined,
    }) as unknown as Operation,
    Object.assign(operation("t", "receive", channels[1]!, []), {
      deadLetter: "dlq",
      key: 9,
      idempotencyKey: "/a",
    }) as unknown as Operation,
  ];
  const services: Service[] = [
    Object.assign(service("orders"), {
      servers: [{ key: "x", protocol: 5 }, null],
      compatibility: 9,
      extensions: { "info/x-eventline-ownr": 5, "info/": 1, "x-eventline-ordering": "none" },
    }) as unknown as Service,
    Object.assign(service("empty"), { servers: undefined }) as unknown as Service,
  ];
  return { ...catalog({ services, channels, messages, operations }), edges: [] };
}

const SUBJECTS: { name: string; catalog: () => Catalog }[] = [
  { name: "an empty catalog", catalog: () => EMPTY_CATALOG },
  { name: "the healthy platform", catalog: () => platformCatalog(platform()) },
  { name: "a catalog of weird values and cyclic schemas", catalog: weirdCatalog },
  {
    name: "a catalog with a null node in every list",
    catalog: () =>
      ({
        ...EMPTY_CATALOG,
        services: [null],
        channels: [null],
        messages: [null],
        operations: [null],
      }) as never,
  },
];

describe("the rule registry", () => {
  it("has unique kebab-case ids", () => {
    expect(new Set(LINT_RULE_IDS).size).toBe(LINT_RULE_IDS.length);
    for (const id of LINT_RULE_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it("registers exactly the files under src/lint/rules/, each named by its rule id", () => {
    const files = readdirSync(repo("src/lint/rules"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.slice(0, -3))
      .sort();
    expect([...LINT_RULE_IDS].sort()).toEqual(files);
  });

  it("gives every rule a documentation page, an index entry and a test file", () => {
    const index = readFileSync(repo("docs/rules/README.md"), "utf8");
    for (const rule of LINT_RULES) {
      expect(rule.docs).toBe(`docs/rules/${rule.id}.md`);
      const page = readFileSync(repo(rule.docs), "utf8");
      expect(page).toContain(`# ${rule.id}`);
      expect(page).toContain(`${rule.id}: ${rule.defaultSeverity}`);
      expect(index).toContain(`[${rule.id}](${rule.id}.md)`);
      expect(existsSync(repo(`test/lint/rules/${rule.id}.test.ts`))).toBe(true);
    }
  });

  it("describes every rule as data: a sentence, a valid default severity, a hint that says why and what to do", () => {
    for (const rule of LINT_RULES) {
      expect(rule.description).toMatch(/^[A-Za-z].*\.$/);
      expect(isSeverity(rule.defaultSeverity)).toBe(true);
      expect(rule.hint.length).toBeGreaterThan(80);
    }
  });
});

describe.each(LINT_RULES.map((rule) => ({ id: rule.id, rule })))("rule $id", ({ rule }) => {
  it("finds nothing in an empty catalog", () => {
    expect(rule.check(EMPTY_CATALOG)).toEqual([]);
  });

  it("finds nothing in the healthy platform", () => {
    expect(rule.check(platformCatalog(platform()))).toEqual([]);
  });

  it.each(SUBJECTS)(
    "does not throw on $name; its findings point into the catalog's files",
    ({ catalog: make }) => {
      const c = make();
      const files = catalogFiles(c);
      const findings = rule.check(c);
      for (const f of findings) {
        expect(files.has(f.at.file), `${f.at.file} is not a file of the catalog`).toBe(true);
        expect(typeof f.at.pointer).toBe("string");
        expect(f.at.pointer === "" || f.at.pointer.startsWith("/")).toBe(true);
        if (f.subPointer !== undefined) expect(f.subPointer).toMatch(/^\//);
        expect(typeof f.message).toBe("string");
        expect(f.message.length).toBeGreaterThan(0);
      }
      // Deterministic: running again (with caches warm) gives the same findings.
      expect(rule.check(c)).toEqual(findings);
    },
  );
});

describe("runLint over every rule", () => {
  it.each(SUBJECTS)("does not throw on $name", ({ catalog: make }) => {
    expect(() => runLint(make())).not.toThrow();
  });

  it("reports weird values rather than ignoring them all", () => {
    // Guards the law above against rules that pass it by finding nothing.
    const ids = new Set(runLint(weirdCatalog()).map((d) => d.ruleId));
    for (const id of [
      "message-has-version",
      "partition-key-resolves",
      "receive-needs-dead-letter",
      "idempotency-key-resolves",
      "request-reply-needs-correlation-id",
      "extension-values-valid",
      "extension-name-known",
      "examples-match-schema",
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});
