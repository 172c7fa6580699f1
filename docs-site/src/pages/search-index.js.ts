import type { APIRoute } from "astro";
import { searchEntries } from "../lib/search-index";

// A classic script, not JSON: a page opened from a file may load a <script src> beside it, but not
// fetch a file. JSON.stringify leaves no way out of the string literals it writes.
export const GET: APIRoute = () =>
  new Response(`window.EVENTLINE_SEARCH = ${JSON.stringify(searchEntries())};\n`, {
    headers: { "Content-Type": "text/javascript; charset=utf-8" },
  });
