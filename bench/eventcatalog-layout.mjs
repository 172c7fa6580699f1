// The synthetic catalog of bench/synthetic-catalog.mjs written as an EventCatalog 2 project
// (Markdown with frontmatter: domains, services, channels, events, one JSON Schema file per event),
// so that both tools build the same services, topics and messages. Schemas are written with the
// shared definitions inlined under $defs: EventCatalog shows a schema file as it is.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SERVICES_PER_DOMAIN = 5;

// JSON is YAML: every frontmatter value above is written as a JSON member, one per line.
function yamlFrontmatter(fields, body) {
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join("\n")}\n---\n\n${body}\n`;
}

function inline(schema, common) {
  const text = JSON.stringify(schema).replaceAll("../schemas/common.yaml#/$defs/", "#/$defs/");
  return { ...JSON.parse(text), $defs: common.$defs };
}

/**
 * Writes the EventCatalog project for the AsyncAPI `documents` (paths written by writeCatalog) and the
 * shared `schemasDir` into `dir`. Returns the number of events written.
 */
export function writeEventCatalog(dir, documents, schemasDir) {
  const common = JSON.parse(readFileSync(join(schemasDir, "common.yaml"), "utf8"));
  mkdirSync(dir, { recursive: true });
  // EventCatalog reads the project's package.json (an ES module project) before its config.
  if (!existsSync(join(dir, "package.json")))
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "synthetic-catalog", private: true, type: "module" }),
    );
  writeFileSync(
    join(dir, "eventcatalog.config.js"),
    `export default ${JSON.stringify(
      {
        title: "Synthetic catalog",
        tagline: "Benchmark",
        organizationName: "Bench",
        homepageLink: "https://example.com",
        output: "static",
        trailingSlash: false,
        base: "/",
        cId: "00000000-0000-4000-8000-000000000000",
      },
      null,
      2,
    )};\n`,
  );
  let events = 0;
  const domains = new Map();
  for (const [d, file] of documents.entries()) {
    const doc = JSON.parse(readFileSync(file, "utf8"));
    const serviceId = `service-${d}`;
    const sends = [];
    const receives = [];
    for (const op of Object.values(doc.operations)) {
      const key = op.channel.$ref.split("/").pop();
      const channel = doc.channels[key];
      const name = Object.keys(channel.messages)[0];
      const message = doc.components.messages[name];
      const channelId = channel.address;
      (op.action === "send" ? sends : receives).push({ id: name, version: "1.0.0" });
      const channelDir = join(dir, "channels", channelId);
      mkdirSync(channelDir, { recursive: true });
      writeFileSync(
        join(channelDir, "index.mdx"),
        yamlFrontmatter(
          {
            id: channelId,
            name: channelId,
            version: "1.0.0",
            address: channelId,
            protocols: ["kafka"],
            summary: `Topic ${channelId}.`,
          },
          `The ${channelId} topic.`,
        ),
      );
      const eventDir = join(dir, "events", name);
      mkdirSync(eventDir, { recursive: true });
      writeFileSync(join(eventDir, "schema.json"), JSON.stringify(inline(message.payload, common), null, 2));
      const example = message.examples?.[0]?.payload;
      writeFileSync(
        join(eventDir, "index.mdx"),
        yamlFrontmatter(
          {
            id: name,
            name,
            version: "1.0.0",
            summary: message.summary,
            schemaPath: "schema.json",
            channels: [{ id: channelId, version: "1.0.0" }],
          },
          `${message.summary}\n\n<SchemaViewer file="schema.json" />\n` +
            (example ? `\n## Example\n\n\`\`\`json\n${JSON.stringify(example, null, 2)}\n\`\`\`\n` : ""),
        ),
      );
      events++;
    }
    const serviceDir = join(dir, "services", serviceId);
    mkdirSync(serviceDir, { recursive: true });
    writeFileSync(
      join(serviceDir, "index.mdx"),
      yamlFrontmatter(
        {
          id: serviceId,
          name: doc.info.title,
          version: doc.info.version,
          summary: doc.info.description,
          sends,
          receives,
        },
        `${doc.info.description}\n\n<NodeGraph />\n`,
      ),
    );
    const domain = `domain-${Math.floor(d / SERVICES_PER_DOMAIN)}`;
    domains.set(domain, [...(domains.get(domain) ?? []), { id: serviceId, version: doc.info.version }]);
  }
  for (const [id, services] of domains) {
    const domainDir = join(dir, "domains", id);
    mkdirSync(domainDir, { recursive: true });
    writeFileSync(
      join(domainDir, "index.mdx"),
      yamlFrontmatter(
        { id, name: id, version: "1.0.0", summary: `Domain ${id}.`, services },
        "<NodeGraph />",
      ),
    );
  }
  return events;
}
