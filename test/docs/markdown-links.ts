import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, isAbsolute, relative, resolve, sep } from "node:path";

/**
 * Relative links in Markdown as GitHub renders them: a link must name a file or folder of the
 * repository, and a `#fragment` into a Markdown file must name one of its headings. Only what the
 * docs use is understood (ATX headings, inline links and reference definitions, fenced code): the
 * package may not take a Markdown parser as a dependency for one test.
 */

export interface MarkdownLink {
  target: string;
  line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const INLINE_LINK = /\]\(\s*(<[^>\n]*>|[^\s()]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)/;
const CODE_SPAN = /(`+)([\s\S]*?[^`])\1(?!`)/g;

/** The lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let fence: string | undefined;
  markdown.split(/\r?\n/).forEach((text, index) => {
    const opening = FENCE.exec(text)?.[1];
    if (fence !== undefined) {
      // A fence closes with the same character, at least as long, and nothing after it.
      if (opening && opening[0] === fence[0] && opening.length >= fence.length && text.trim() === opening)
        fence = undefined;
      return;
    }
    if (opening) {
      fence = opening;
      return;
    }
    out.push({ text, line: index + 1 });
  });
  return out;
}

/** Code spans blanked out (same length), so `[a](b)` written as code is not a link. */
function withoutCodeSpans(text: string): string {
  return text.replace(CODE_SPAN, (span) => " ".repeat(span.length));
}

/** Every link target written in `markdown`, outside code, with its line. */
export function linksIn(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { text, line } of proseLines(markdown)) {
    const prose = withoutCodeSpans(text);
    const definition = REFERENCE_DEFINITION.exec(prose)?.[1];
    if (definition) links.push({ target: unbracket(definition), line });
    for (const match of prose.matchAll(INLINE_LINK)) links.push({ target: unbracket(match[1]!), line });
  }
  return links;
}

function unbracket(target: string): string {
  return target.startsWith("<") && target.endsWith(">") ? target.slice(1, -1) : target;
}

/**
 * GitHub's anchor for a heading's rendered text (github-slugger): lower case, everything but letters,
 * marks, digits, connector punctuation, spaces and hyphens removed, each space a hyphen.
 */
export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** A heading's text as rendered: code spans keep their content, link and emphasis syntax goes. */
function renderedHeading(source: string): string {
  let out = "";
  let last = 0;
  for (const match of source.matchAll(CODE_SPAN)) {
    out += renderInline(source.slice(last, match.index)) + match[2]!.trim();
    last = match.index + match[0].length;
  }
  return out + renderInline(source.slice(last));
}

function renderInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/\*+/g, "");
}

/** The anchors of a document's headings; a repeated slug gets `-1`, `-2`… as on GitHub. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const heading = HEADING.exec(text);
    if (!heading) continue;
    const slug = githubSlug(renderedHeading(heading[2]!));
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/**
 * Whether a path exists in the repository: tracked or not ignored by git (so a link into `dist/`,
 * which exists only after a build, is broken), or, outside a git checkout, on disk.
 */
export function repositoryPaths(root: string): (absolute: string) => boolean {
  let files: string[];
  try {
    files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 * 1024 * 1024,
    })
      .toString("utf8")
      .split("\0")
      .filter((f) => f !== "");
  } catch {
    return (absolute) => existsSync(absolute);
  }
  const known = new Set<string>();
  for (const file of files) {
    // A file deleted in the working tree but still in the index is gone for a reader of the checkout.
    if (!existsSync(resolve(root, file))) continue;
    const parts = file.split("/");
    for (let i = 1; i <= parts.length; i++) known.add(parts.slice(0, i).join("/"));
  }
  return (absolute) => {
    const rel = relative(root, absolute).split(sep).join("/");
    return rel === "" || known.has(rel);
  };
}

/** Each broken relative link of `file` as `file:line: target: why`, paths relative to `root`. */
export function brokenLinks(file: string, root: string, exists = repositoryPaths(root)): string[] {
  const problems: string[] = [];
  const name = relative(root, file).split(sep).join("/");
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (path: string) => {
    let set = anchorsOf.get(path);
    if (!set) {
      set = headingAnchors(readFileSync(path, "utf8"));
      anchorsOf.set(path, set);
    }
    return set;
  };
  for (const { target, line } of linksIn(readFileSync(file, "utf8"))) {
    // Absolute URLs (https:, mailto:) and protocol-relative ones are not checked here.
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue;
    const report = (why: string) => problems.push(`${name}:${line}: ${target}: ${why}`);
    const hash = target.indexOf("#");
    const pathPart = hash < 0 ? target : target.slice(0, hash);
    const fragment = hash < 0 ? undefined : target.slice(hash + 1);
    let path: string;
    try {
      const decoded = decodeURIComponent(pathPart);
      path =
        decoded === ""
          ? file
          : decoded.startsWith("/")
            ? resolve(root, `.${decoded}`)
            : resolve(dirname(file), decoded);
    } catch {
      report("not a valid URL path");
      continue;
    }
    const inside = relative(root, path);
    if (inside.startsWith("..") || isAbsolute(inside)) {
      report("leaves the repository");
      continue;
    }
    if (!exists(path)) {
      report("no such file or folder in the repository");
      continue;
    }
    if (fragment === undefined || extname(path).toLowerCase() !== ".md") continue;
    let anchor: string;
    try {
      anchor = decodeURIComponent(fragment);
    } catch {
      report("not a valid fragment");
      continue;
    }
    if (!anchors(path).has(anchor)) report(`no heading with the anchor #${anchor}`);
  }
  return problems;
}
