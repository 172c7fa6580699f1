import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { Parser } from "htmlparser2";

export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(path));
    else if (entry.name.endsWith(".html")) out.push(path);
  }
  return out;
}

/**
 * Every href and src in the site's HTML (inline SVG included) that points inside the site, and does
 * not resolve to a file: `page → target`. External links (a scheme or `//`) are not followed.
 */
export function brokenLinks(site: string): string[] {
  const broken: string[] = [];
  for (const file of htmlFiles(site)) {
    const links: string[] = [];
    // A real HTML parser: text or attribute values that merely look like `<img src=x>` are not links.
    const parser = new Parser({
      onopentag(_name, attributes) {
        for (const key of ["href", "src"]) if (attributes[key] !== undefined) links.push(attributes[key]);
      },
    });
    parser.write(readFileSync(file, "utf8"));
    parser.end();
    for (const raw of links) {
      if (raw === "" || raw.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith("//"))
        continue;
      const path = decodeURIComponent(raw.split(/[?#]/)[0]!);
      let target = path.startsWith("/") ? join(site, path) : resolve(dirname(file), path);
      if (existsSync(target) && statSync(target).isDirectory()) target = join(target, "index.html");
      if (!existsSync(target) || !target.startsWith(site)) broken.push(`${relative(site, file)} → ${raw}`);
    }
  }
  return broken;
}
