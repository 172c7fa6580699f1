import { describe, expect, it } from "vitest";
import { monitoringExtensionsValid as rule } from "../../../src/lint/rules/monitoring-extensions-valid.js";
import { AT, broken, platform, platformCatalog } from "../catalog-fixture.js";
import { expectFindings, type InvalidCase, type ValidCase } from "../expect-findings.js";

const valid: ValidCase[] = [
  { name: "none declared", catalog: platformCatalog(platform()) },
  {
    name: "a full SLO and peak rates",
    catalog: broken((p) => {
      p.receive.extensions["x-eventline-slo"] = { maxLag: 0, processingP99Ms: 12.5, for: "1h30m" };
      p.ordersEvents.extensions["x-eventline-peak-rate"] = 500;
      p.orderCreated.extensions["x-eventline-peak-rate"] = 0.5;
    }),
  },
];

const invalid: InvalidCase[] = [
  {
    name: "bad thresholds and an unknown key",
    catalog: broken((p) => {
      p.receive.extensions["x-eventline-slo"] = {
        maxLag: -1,
        processingP99Ms: "250ms",
        for: "5 minutes",
        latency: 1,
      };
    }),
    expected: [
      {
        message:
          'x-eventline-slo.maxLag of receive operation "receiveOrderCreated" must be an integer ≥ 0 (messages), not -1 (a number)',
        at: `${AT.receive}/x-eventline-slo/maxLag`,
      },
      {
        message: /processingP99Ms .* must be a number > 0 \(milliseconds\), not "250ms"$/,
        at: `${AT.receive}/x-eventline-slo/processingP99Ms`,
      },
      { message: /for .* must be a Prometheus duration/, at: `${AT.receive}/x-eventline-slo/for` },
      {
        message: /latency .* is not a key of x-eventline-slo \(maxLag, processingP99Ms, for\)/,
        at: `${AT.receive}/x-eventline-slo/latency`,
      },
    ],
  },
  {
    name: "not an object",
    catalog: broken((p) => {
      p.receive.extensions["x-eventline-slo"] = 100;
    }),
    expected: [{ message: /x-eventline-slo of .* must be an object/, at: `${AT.receive}/x-eventline-slo` }],
  },
  {
    name: "on a send operation",
    catalog: broken((p) => {
      p.publish.extensions["x-eventline-slo"] = { maxLag: 1 };
    }),
    expected: [
      {
        message:
          'x-eventline-slo on send operation "publishOrderCreated" is ignored: service-level objectives apply to receive operations',
        at: `${AT.publish}/x-eventline-slo`,
      },
    ],
  },
  {
    name: "peak rates that are not positive numbers",
    catalog: broken((p) => {
      p.ordersEvents.extensions["x-eventline-peak-rate"] = "fast";
      p.orderCreated.extensions["x-eventline-peak-rate"] = 0;
    }),
    expected: [
      {
        message:
          'x-eventline-peak-rate of channel "ordersEvents" must be a number > 0 (messages per second), not "fast"',
        at: `${AT.ordersEvents}/x-eventline-peak-rate`,
      },
      {
        message: /x-eventline-peak-rate of message "OrderCreated" must be a number > 0 .*not 0 \(a number\)$/,
        at: `${AT.orderCreated}/x-eventline-peak-rate`,
      },
    ],
  },
];

describe("monitoring-extensions-valid", () => {
  it.each(valid)("passes: $name", ({ catalog }) => expectFindings(rule, catalog, []));
  it.each(invalid)("fails: $name", ({ catalog, expected }) => expectFindings(rule, catalog, expected));
  it("is an error by default", () => expect(rule.defaultSeverity).toBe("error"));
});
