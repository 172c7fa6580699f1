import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { EventlineError } from "../errors.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

/** Where the reload events are sent (server-sent events). */
export const RELOAD_PATH = "/__eventline/reload";
const RELOAD_SCRIPT = `<script>new EventSource(${JSON.stringify(RELOAD_PATH)}).addEventListener("reload",function(){location.reload()})</script>`;

export interface DevServer {
  url: string;
  /** Tells every open page to reload. */
  reload(): void;
  close(): Promise<void>;
}

/**
 * Serves the built site from `dir` on localhost, with a script in every HTML page that reloads it
 * when `reload()` is called. Only for `catalog dev`: it serves files, nothing else.
 */
export async function serveSite(dir: string, options: { port: number; host: string }): Promise<DevServer> {
  const root = resolve(dir);
  const clients = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    if (path === RELOAD_PATH) {
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.write(": connected\n\n");
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(`${root}/`)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found (the site may be rebuilding)\n");
      return;
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    if (extname(file) === ".html")
      res.end(readFileSync(file, "utf8").replace("</body>", `${RELOAD_SCRIPT}</body>`));
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((done, fail) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      fail(
        error.code === "EADDRINUSE" || error.code === "EACCES"
          ? new EventlineError("USAGE", `cannot listen on ${options.host}:${options.port}: ${error.code}`, {
              hint: "choose another --port (0 picks a free one)",
            })
          : error,
      ),
    );
    server.listen(options.port, options.host, done);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}/`,
    reload() {
      for (const client of clients) client.write("event: reload\ndata: {}\n\n");
    },
    close: () =>
      new Promise<void>((done) => {
        for (const client of clients) client.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
