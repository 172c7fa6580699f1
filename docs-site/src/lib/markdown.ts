import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

// Descriptions come from pull requests: raw HTML in them is shown as text (html: false), and the
// rendered HTML goes through an allow-list as well, so neither a parser quirk nor a later option
// change can let a script, an event handler, a style or a javascript: URL through.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote", "a",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "title"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }) },
};
ALLOWED.allowedAttributes = { ...ALLOWED.allowedAttributes, a: ["href", "title", "rel"] };

/** Markdown from a document, as safe HTML: headings are demoted so a description never outranks the page title. */
export function renderMarkdown(text: string | undefined): string {
  if (!text) return "";
  const html = md.render(text).replace(/<(\/?)h([1-6])>/g, (_, slash: string, level: string) => {
    return `<${slash}h${Math.min(6, Number(level) + 2)}>`;
  });
  return sanitizeHtml(html, ALLOWED);
}

/** Markdown reduced to one line of plain text, for cards and search excerpts. */
export function plainText(text: string | undefined, max = 180): string {
  if (!text) return "";
  const plain = sanitizeHtml(md.renderInline(text.split(/\n\s*\n/)[0] ?? ""), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
