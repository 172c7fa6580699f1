import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { MINIMAL_DOCUMENT, scratchProject } from "../support/scratch-project.js";

describe("message traits and YAML merge keys", () => {
  it("extensions and headers they apply count, for lint and examples", async () => {
    const dir = scratchProject({
      "asyncapi/t.yaml": `${MINIMAL_DOCUMENT}x-base: &base\n  x-eventline-version: 1\nchannels:\n  c:\n    address: c\n    messages:\n      A: {$ref: '#/components/messages/A'}\n      B: {$ref: '#/components/messages/B'}\ncomponents:\n  messageTraits:\n    envelope:\n      headers: {type: object, required: [ce_id], properties: {ce_id: {type: string}}}\n      x-eventline-version: 1\n  messages:\n    A:\n      name: AChanged\n      traits: [{$ref: '#/components/messageTraits/envelope'}]\n      payload: {type: object}\n      examples: [{payload: {}, headers: {ce_id: 7}}]\n    B:\n      <<: *base\n      name: BChanged\n      headers: {type: object, required: [ce_id], properties: {ce_id: {type: string}}}\n      payload: {type: object}\n      examples: [{payload: {}}]\n`,
    });
    const run = await runCli(["validate", "--no-cache", "--format", "json"], dir);
    const ids = (JSON.parse(run.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map(
      (d) => d.ruleId,
    );
    expect(ids).not.toContain("message-has-version");
    expect(ids).not.toContain("message-has-event-id");
    expect(ids).toContain("examples-match-schema"); // ce_id: 7 against the trait's headers
  });
});
