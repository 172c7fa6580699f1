import { describe, expect, it } from "vitest";
import { dueBy } from "../../src/ops/load/schedule.js";

describe("dueBy", () => {
  it("without a ramp: rate × time", () => {
    expect(dueBy(0, 2000, 0)).toBe(0);
    expect(dueBy(1000, 2000, 0)).toBe(2000);
    expect(dueBy(10_000, 2000, 0)).toBe(20_000);
    expect(dueBy(0.4, 2000, 0)).toBe(0);
  });

  it("with a ramp: the area under a line from 0 to the rate, then the rate", () => {
    // 2 s ramp to 1000/s: 1000 messages by the end of the ramp, then 1000 per second.
    expect(dueBy(1000, 1000, 2000)).toBe(250);
    expect(dueBy(2000, 1000, 2000)).toBe(1000);
    expect(dueBy(3000, 1000, 2000)).toBe(2000);
  });

  it("never decreases", () => {
    let last = 0;
    for (let t = 0; t <= 5000; t += 7) {
      const n = dueBy(t, 1234, 1500);
      expect(n).toBeGreaterThanOrEqual(last);
      last = n;
    }
  });
});
