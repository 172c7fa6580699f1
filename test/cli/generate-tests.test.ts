import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { platformCopy, runCli, stackFrames } from "./run-cli.js";

describe("eventline generate --tests", () => {
  it("writes one property-test file per service with a handler per received message, and never overwrites one", async () => {
    const dir = platformCopy();
    const first = await runCli(
      ["generate", "--out", "gen", "--service", "payments-service", "--tests", "tests"],
      dir,
    );
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      "Generated 4 files for 1 services in gen.\nwrote   tests/payments-service.test.ts\nProperty tests: 1 written in tests.\n",
    );
    const file = join(dir, "tests/payments-service.test.ts");
    const text = readFileSync(file, "utf8");
    expect(text).toContain('import { createPaymentsServiceClient } from "../gen/payments-service/index.js";');
    expect(text).toContain(
      "          CapturePayment: remember(durable),\n          RefundPayment: remember(durable),\n",
    );
    expect(text).toContain("await assertAll(service);");
    expect(text).not.toMatch(/TODO/);

    writeFileSync(file, "// mine\n");
    const again = await runCli(
      ["generate", "--out", "gen", "--service", "payments-service", "--tests", "tests"],
      dir,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      "Property tests: 0 written in tests, 1 kept as they were (never overwritten).",
    );
    expect(readFileSync(file, "utf8")).toBe("// mine\n");
  }, 180_000);

  it("exits 2 with --check or --watch", async () => {
    const r = await runCli(["generate", "--tests", "tests", "--check"], platformCopy());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--tests does not go with --check/);
    expect(stackFrames(r.stderr)).toEqual([]);
  });
});
