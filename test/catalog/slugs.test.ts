import { describe, expect, it } from "vitest";
import { slugify } from "../../src/catalog/index.js";
import { uniqueSlugs } from "../../src/catalog/slugs.js";

describe("slugs", () => {
  it("are lower-case ASCII words joined by dashes", () => {
    expect(slugify("OrderCreated")).toBe("order-created");
    expect(slugify("orders.events.v1")).toBe("orders-events-v1");
    expect(slugify("Crème brûlée")).toBe("creme-brulee");
    expect(slugify("<script>")).toBe("script");
    expect(slugify("../..")).toBe("x");
  });

  it("stay unique: the next candidate, then a hash of the key", () => {
    const slugs = uniqueSlugs([
      { key: "a", candidates: ["Order"] },
      { key: "b", candidates: ["order", "order-billing"] },
      { key: "c", candidates: ["ORDER"] },
    ]);
    expect(slugs.get("a")).toBe("order");
    expect(slugs.get("b")).toBe("order-billing");
    expect(slugs.get("c")).toMatch(/^order-[0-9a-f]{8}$/);
  });
});
