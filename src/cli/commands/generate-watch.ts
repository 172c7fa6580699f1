import { isAbsolute, relative, resolve } from "node:path";
import { type FSWatcher, watch } from "chokidar";
import { isEventlineError } from "../../errors.js";
import { type CliIo, printError } from "../io.js";

/** Folders whose changes never trigger a regeneration (besides the output folder itself). */
const IGNORED_DIRS = new Set([".git", ".eventline", "node_modules", "dist"]);
const WATCHED_FILE = /\.(ya?ml|json)$/i;

export interface WatchOptions {
  /** The folder holding the documents and schemas: the project root. */
  root: string;
  /** Output folder: writes there are ignored. */
  out: string;
  /** Quiet time after the last change before regenerating. Default 150 ms. */
  debounceMs?: number;
}

/**
 * Runs `generateOnce` now and again after every change to a YAML or JSON file under the root, until
 * `signal` aborts. Changes that arrive during a run are folded into one more run. A run that fails on
 * the user's documents prints the error and keeps watching; any other error ends the watch.
 */
export async function watchAndGenerate(
  options: WatchOptions,
  io: CliIo,
  generateOnce: () => Promise<number>,
  signal: AbortSignal,
): Promise<number> {
  const out = resolve(options.out);
  let running: Promise<void> | undefined;
  let again = false;
  let failure: unknown;
  let timer: NodeJS.Timeout | undefined;

  const runOnce = async () => {
    try {
      await generateOnce();
    } catch (error) {
      if (!isEventlineError(error)) throw error;
      printError(io, error);
    }
  };
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce();
      } while (again && !signal.aborted);
    })()
      .catch((error: unknown) => {
        failure = error;
        stop();
      })
      .finally(() => {
        running = undefined;
      });
  };

  let watcher: FSWatcher | undefined;
  let stop = () => {};
  const stopped = new Promise<void>((resolveStopped) => {
    stop = () => {
      clearTimeout(timer);
      void watcher?.close();
      resolveStopped();
    };
  });
  signal.addEventListener("abort", stop, { once: true });
  if (signal.aborted) stop();

  if (!signal.aborted) {
    // The watcher starts before the first run, so an edit made while it runs is not missed. chokidar,
    // not fs.watch: editors that save by renaming a new file over the old one (vim, sed -i) would
    // leave a plain Linux watch on the replaced file.
    watcher = watch(options.root, {
      ignoreInitial: true,
      ignored: (path, stats) => ignored(options.root, out, path, stats?.isFile() ?? false),
    });
    const ready = new Promise<void>((resolveReady) => watcher?.once("ready", resolveReady));
    watcher.on("all", () => {
      clearTimeout(timer);
      timer = setTimeout(schedule, options.debounceMs ?? 150);
    });
    watcher.on("error", (error) => {
      failure = error;
      stop();
    });
    // Closing the watcher drops its listeners, "ready" included: a stop during the first scan must
    // not leave this waiting for it.
    await Promise.race([ready, stopped]);
    if (!signal.aborted && failure === undefined) {
      schedule();
      await running;
    }
    if (!signal.aborted && failure === undefined)
      io.stdout(
        `Watching ${relative(io.cwd, options.root) || "."} for changes to YAML and JSON files (Ctrl-C to stop).\n`,
      );
  }
  await stopped;
  await running;
  if (failure !== undefined) throw failure;
  return 0;
}

/** Paths not worth watching: the output folder, tool folders, files other than YAML and JSON. */
function ignored(root: string, out: string, path: string, isFile: boolean): boolean {
  const fromOut = relative(out, path);
  if (fromOut === "" || (!fromOut.startsWith("..") && !isAbsolute(fromOut))) return true;
  if (
    relative(root, path)
      .split(/[\\/]/)
      .some((part) => IGNORED_DIRS.has(part))
  )
    return true;
  return isFile && !WATCHED_FILE.test(path);
}
