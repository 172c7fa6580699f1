import { createRequire } from "node:module";
import { join, resolve, sep } from "node:path";
import { expect, it } from "vitest";
import { renderWithTemplate } from "../../src/codegen/run-template.js";

const ROOT = resolve(import.meta.dirname, "../..");

// @asyncapi/generator depends on @asyncapi/generator-hooks, which pins @asyncapi/bundler 1.0.1, whose
// package.json asks for Node >= 24 (npm's EBADENGINE warning). Only a template that declares those
// hooks in its `generator.hooks` config loads them; ours declares none, so on Node 20 the code that
// asks for Node 24 never runs. This holds that.
it("renders through the AsyncAPI generator without ever loading @asyncapi/bundler", async () => {
  const files = await renderWithTemplate(join(ROOT, "asyncapi/orders.yaml"), [
    { path: "client.ts", content: "export {};\n" },
  ]);
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  const inPackage = (name: string) =>
    loaded.filter((p) => p.includes(`${sep}${name.split("/").join(sep)}${sep}`));
  expect(inPackage("@asyncapi/generator").length, "the generator ran in this process").toBeGreaterThan(0);
  expect(inPackage("@asyncapi/generator-hooks")).toEqual([]);
  expect(inPackage("@asyncapi/bundler")).toEqual([]);
  expect(files).toEqual([{ path: "client.ts", content: "export {};\n" }]);
});
