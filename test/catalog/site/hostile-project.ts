import { writeProject } from "../write-project.js";

/** Markup that runs script if any page inserts it as HTML: each sets window.__pwned or opens a dialog. */
export const HOSTILE = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2;alert(2)">"'><svg onload=alert(3)>`;

/** Markdown carrying raw HTML, a javascript: link, an inline style and an event handler. */
export const HOSTILE_MARKDOWN = [
  "Intro **bold** text.",
  "",
  "<script>window.__pwned=4</script>",
  "",
  '[click me](javascript:alert(5)) <a href="javascript:alert(6)">raw link</a>',
  "",
  '<style>body{display:none}</style><div onclick="alert(7)">div</div>',
  "",
  `A heading ${HOSTILE}`,
].join("\n");

/** A project whose one document puts hostile strings in every field the site shows. */
export function hostileProject(): string {
  const document = {
    asyncapi: "3.0.0",
    info: {
      title: `Billing ${HOSTILE}`,
      version: HOSTILE,
      description: HOSTILE_MARKDOWN,
      "x-eventline-owner": HOSTILE,
      tags: [{ name: HOSTILE }],
    },
    "x-eventline-saga": {
      name: HOSTILE,
      steps: [
        {
          name: HOSTILE,
          action: HOSTILE,
          success: HOSTILE,
          failure: "unknown",
          compensation: HOSTILE,
          timeout: HOSTILE,
        },
      ],
    },
    servers: { prod: { host: HOSTILE, protocol: "kafka", description: HOSTILE } },
    channels: {
      invoices: {
        address: `billing.${HOSTILE}`,
        description: HOSTILE_MARKDOWN,
        "x-eventline-ordering": HOSTILE,
        messages: { issued: { $ref: "#/components/messages/issued" } },
      },
    },
    operations: {
      sendIssued: { action: "send", channel: { $ref: "#/channels/invoices" }, summary: HOSTILE },
      receiveIssued: {
        action: "receive",
        channel: { $ref: "#/channels/invoices" },
        "x-eventline-idempotency-key": HOSTILE,
      },
    },
    components: {
      messages: {
        issued: {
          name: HOSTILE,
          title: HOSTILE,
          summary: HOSTILE,
          description: HOSTILE_MARKDOWN,
          contentType: "application/json",
          "x-eventline-version": HOSTILE,
          "x-eventline-partition-key": HOSTILE,
          payload: {
            type: "object",
            description: HOSTILE,
            required: [HOSTILE],
            properties: {
              [HOSTILE]: {
                type: "string",
                description: HOSTILE,
                enum: [HOSTILE, "plain"],
                pattern: HOSTILE,
                format: HOSTILE,
              },
            },
          },
          examples: [{ name: HOSTILE, summary: HOSTILE, payload: { [HOSTILE]: HOSTILE } }],
        },
      },
    },
  };
  // JSON is YAML: the project's glob reads *.yaml.
  return writeProject({ "asyncapi/hostile.yaml": JSON.stringify(document, null, 2) });
}
