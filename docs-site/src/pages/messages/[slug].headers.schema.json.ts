import type { APIRoute } from "astro";
import { catalog } from "../../lib/catalog";
import type { CatalogMessage } from "../../lib/types";

export function getStaticPaths() {
  return catalog()
    .messages.filter((m) => m.headers)
    .map((m) => ({ params: { slug: m.slug }, props: { m } }));
}

export const GET: APIRoute = ({ props }) =>
  new Response(`${JSON.stringify((props as { m: CatalogMessage }).m.headers?.schema, null, 2)}\n`);
