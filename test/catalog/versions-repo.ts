import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { git, tempDir } from "../support/compat-git.js";
import { SLOW_MACHINE_LIMITS } from "./write-project.js";

/** The orders service sends OrderPlaced; its payload lives in a schema file both documents `$ref`. */
const ORDERS = `asyncapi: 3.0.0
info:
  title: Orders
  version: VERSION
channels:
  placed:
    address: orders.placed
    messages:
      OrderPlaced:
        $ref: '#/components/messages/OrderPlaced'
operations:
  sendOrderPlaced:
    action: send
    channel:
      $ref: '#/channels/placed'
components:
  messages:
    OrderPlaced:
      name: OrderPlaced
      x-eventline-version: 1
      payload:
        $ref: '../schemas/order-placed.json'
      examples:
        - name: small
          payload: { orderId: o-1, total: 12.5 }
`;

/** Billing receives OrderPlaced: a consumer whose reading breaks when the payload does. */
const BILLING = `asyncapi: 3.0.0
info:
  title: Billing
  version: 1.0.0
channels:
  placed:
    address: orders.placed
    messages:
      OrderPlaced:
        $ref: '#/components/messages/OrderPlaced'
operations:
  receiveOrderPlaced:
    action: receive
    channel:
      $ref: '#/channels/placed'
    bindings:
      kafka:
        groupId:
          type: string
          enum: [billing]
components:
  messages:
    OrderPlaced:
      name: OrderPlaced
      x-eventline-version: 1
      payload:
        $ref: '../schemas/order-placed.json'
`;

function payload(orderIdLength: number, extra: Record<string, unknown>, required: string[]): string {
  return `${JSON.stringify(
    {
      type: "object",
      required: ["orderId", ...required],
      properties: {
        orderId: { type: "string", maxLength: orderIdLength },
        total: { type: "number" },
        ...extra,
      },
    },
    null,
    2,
  )}\n`;
}

/** The three versions: v1, v2 allows longer order ids (compatible), v3 adds a required field (breaking). */
export const VERSIONS = [
  { tag: "v1.0.0", info: "1.0.0", payload: payload(36, {}, []) },
  { tag: "v1.1.0", info: "1.1.0", payload: payload(64, {}, []) },
  { tag: "v2.0.0", info: "2.0.0", payload: payload(64, { customerId: { type: "string" } }, ["customerId"]) },
];

export interface VersionsRepo {
  dir: string;
  remove: () => void;
}

/**
 * A git repository with one commit and one tag per version, plus a commit that touches no catalog
 * file; `upTo` stops after that many versions.
 */
export function versionsRepo(upTo = VERSIONS.length): VersionsRepo {
  const repo = tempDir("eventline-versions-");
  git(repo.dir, "init", "-q", "-b", "main");
  mkdirSync(join(repo.dir, "asyncapi"));
  mkdirSync(join(repo.dir, "schemas"));
  writeFileSync(
    join(repo.dir, "eventline.config.yaml"),
    `documents: ["asyncapi/**/*.yaml"]\n${SLOW_MACHINE_LIMITS}`,
  );
  writeFileSync(join(repo.dir, "asyncapi/billing.yaml"), BILLING);
  VERSIONS.slice(0, upTo).forEach((v, i) => {
    writeFileSync(join(repo.dir, "asyncapi/orders.yaml"), ORDERS.replace("VERSION", v.info));
    writeFileSync(join(repo.dir, "schemas/order-placed.json"), v.payload);
    git(repo.dir, "add", "-A");
    git(repo.dir, "commit", "-q", "-m", `orders ${v.info}`, "--date", `2026-0${i + 1}-01T10:00:00Z`);
    git(repo.dir, "tag", v.tag);
    if (i === 0) {
      writeFileSync(join(repo.dir, "README.md"), "docs only\n");
      git(repo.dir, "add", "README.md");
      git(repo.dir, "commit", "-q", "-m", "docs");
    }
  });
  return repo;
}
