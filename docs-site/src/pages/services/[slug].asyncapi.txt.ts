import type { APIRoute } from "astro";
import { catalog } from "../../lib/catalog";
import type { CatalogService } from "../../lib/types";

// The document as plain text: a download that no browser renders as HTML, whatever it contains.
export function getStaticPaths() {
  return catalog().services.map((s) => ({ params: { slug: s.slug }, props: { s } }));
}

export const GET: APIRoute = ({ props }) => new Response((props as { s: CatalogService }).s.document);
