import { describe, expect, it } from "vitest";
import { formatMarkdown } from "../../src/report/markdown.js";
import { EMPTY, FULL, makeReport, NASTY, PARTITION_KEY, UNRESOLVED, VERSION } from "./fixtures.js";

const HEADER = "| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |";

describe("formatMarkdown", () => {
  const cases = [
    {
      name: "heading, counts and a table",
      report: FULL,
      expected: [
        "## Eventline `validate`",
        "",
        "1 error, 1 warning, 1 info in 2 documents",
        "",
        HEADER,
        "| error | `asyncapi/orders.yaml:42` | `message-has-partition-key` | Message OrderCreated has no partition key.<br>Hint: Without a key, events for one order can be consumed out of order. |",
        "| warning | `asyncapi/orders.yaml:42` | `message-has-version` | Message OrderCreated has no x-eventline-version. |",
        "| info | `asyncapi/payments.yaml` | `asyncapi-document-resolved` | Could not resolve \\$ref ../schemas/missing.json. |",
        "",
      ].join("\n"),
    },
    {
      name: "pipes, newlines, HTML and code spans in cells",
      report: makeReport([NASTY]),
      expected: [
        "## Eventline `validate`",
        "",
        "1 error, 0 warnings, 0 infos in 2 documents",
        "",
        HEADER,
        "| error | `asyncapi/odd, name: 100%.yaml:3` | `message-has-partition-key` | " +
          "100% of a,b: x\\|y<br>second line<br>third &lt;T&gt; &amp; `code`<br>Hint: fix: a\\|b,<br>then retry |",
        "",
      ].join("\n"),
    },
    {
      name: "empty report",
      report: EMPTY,
      expected: "## Eventline `validate`\n\nNo problems found in 2 documents.\n",
    },
    {
      name: "another command",
      report: makeReport([], { command: "compat", documents: ["asyncapi/orders.yaml"] }),
      expected: "## Eventline `compat`\n\nNo problems found in 1 document.\n",
    },
  ];
  for (const { name, report, expected } of cases) {
    it(name, () => {
      expect(formatMarkdown(report)).toBe(expected);
    });
  }

  // Only the message cell of each row, to keep the table readable.
  const messages = [
    { name: "a pipe", message: "a|b", cell: "a\\|b" },
    { name: "CRLF and a lone CR", message: "a\r\nb\rc", cell: "a<br>b<br>c" },
    {
      name: "markup characters",
      message: "*x* _y_ [l](u) ~z~ $a$ \\",
      cell: "\\*x\\* \\_y\\_ \\[l\\](u) \\~z\\~ \\$a\\$ \\\\",
    },
    { name: "HTML", message: "<img src=x> &amp;", cell: "&lt;img src=x&gt; &amp;amp;" },
    { name: "a code span is kept verbatim", message: "use `$ref: a_b*` here", cell: "use `$ref: a_b*` here" },
    { name: "a pipe and a newline in a code span", message: "`a|b\nc`", cell: "`a\\|b c`" },
    { name: "a double-backtick span", message: "``a`b`` c", cell: "``a`b`` c" },
    { name: "an unmatched backtick is literal", message: "it`s *x*", cell: "it\\`s \\*x\\*" },
    { name: "runs of different length do not pair", message: "``a` b", cell: "\\`\\`a\\` b" },
  ];
  for (const { name, message, cell } of messages) {
    it(`escapes message text: ${name}`, () => {
      const out = formatMarkdown(makeReport([{ ...UNRESOLVED, message }]));
      expect(out.split("\n")[6]).toBe(
        `| info | \`asyncapi/payments.yaml\` | \`asyncapi-document-resolved\` | ${cell} |`,
      );
    });
  }

  const codeCells = [
    { name: "a backtick in a file name", file: "a`b.yaml", location: "``a`b.yaml:42``" },
    { name: "a file name starting with a backtick", file: "`ab", location: "`` `ab:42 ``" },
    { name: "a pipe in a file name", file: "a|b.yaml", location: "`a\\|b.yaml:42`" },
  ];
  for (const { name, file, location } of codeCells) {
    it(`keeps the location a single code span: ${name}`, () => {
      const out = formatMarkdown(makeReport([{ ...VERSION, file }]));
      expect(out.split("\n")[6]).toBe(
        `| warning | ${location} | \`message-has-version\` | Message OrderCreated has no x-eventline-version. |`,
      );
    });
  }

  it("drops rows that would not fit in a comment, and says how many", () => {
    const many = makeReport(
      Array.from({ length: 50 }, (_, i) => ({ ...PARTITION_KEY, line: i + 1, key: String(i) })),
    );
    const out = formatMarkdown(many, { maxLength: 2000 });
    expect(out.length).toBeLessThanOrEqual(2000);
    const rows = out.split("\n").filter((line) => line.startsWith("| error |"));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(50);
    expect(out.endsWith(`\n\n…and ${50 - rows.length} more not shown (comment size limit).\n`)).toBe(true);
    expect(formatMarkdown(many)).not.toContain("not shown");
    expect(
      formatMarkdown(many)
        .split("\n")
        .filter((line) => line.startsWith("| error |")),
    ).toHaveLength(50);
  });

  it("uses the whole limit: a body of exactly maxLength is not cut", () => {
    const whole = formatMarkdown(FULL);
    expect(formatMarkdown(FULL, { maxLength: whole.length })).toBe(whole);
    const cut = formatMarkdown(FULL, { maxLength: whole.length - 1 });
    expect(cut.length).toBeLessThanOrEqual(whole.length - 1);
    expect(cut).toContain("more not shown");
  });
});

describe("formatMarkdown with compat witnesses", () => {
  const withWitness = (witness: unknown) => {
    const report = makeReport([{ ...PARTITION_KEY, ruleId: "payload-incompatible" }], { command: "compat" });
    Object.assign(report.diagnostics[0]!, { breaking: true, witness, witnessPointer: "/total" });
    return report;
  };

  it("shows each witness as a fenced JSON block after the table, not in the cell", () => {
    const out = formatMarkdown(withWitness({ id: "o-1", total: -1 }));
    expect(out).toContain("witness: below");
    expect(out).not.toContain('witness: {"id"');
    expect(out).toContain(
      '### Witnesses\n\n`payload-incompatible` at `asyncapi/orders.yaml:42`: a message the writer side accepts and the reader side rejects (rejected at `/total`).\n\n```json\n{\n  "id": "o-1",\n  "total": -1\n}\n```\n',
    );
  });

  it("fences a witness whose strings hold backticks with a longer fence", () => {
    const out = formatMarkdown(withWitness({ note: "````" }));
    expect(out).toContain('`````json\n{\n  "note": "````"\n}\n`````');
  });

  it("leaves out witnesses that do not fit the size limit", () => {
    const report = withWitness({ blob: "x".repeat(2000) });
    const out = formatMarkdown(report, { maxLength: formatMarkdown(withWitness(1)).length + 100 });
    expect(out).not.toContain("### Witnesses");
    expect(out).toContain("witness: below");
    expect(out).toContain("More witnesses did not fit the comment size limit: see `--format json`.");
  });
});
