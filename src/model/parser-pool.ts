import { Worker } from "node:worker_threads";

/** A parser diagnostic as it crosses the worker boundary. */
export interface RawParserDiagnostic {
  code: string;
  message: string;
  path: (string | number)[];
  /** Spectral severity: 0 error, 1 warning, 2 information, 3 hint. */
  severity: number;
  source?: string;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export type ParseOutcome =
  | { kind: "parsed"; diagnostics: RawParserDiagnostic[]; resolved: unknown }
  | { kind: "timeout"; ms: number }
  | { kind: "out-of-memory" }
  | { kind: "crash"; detail: string };

interface Pending {
  resolve: (outcome: ParseOutcome) => void;
  timer: NodeJS.Timeout;
}

const WORKER_URL = new URL("./parse-worker.js", import.meta.url);

/**
 * One worker thread holding one AsyncAPI `Parser`, given one request at a time by the pool; a request that
 * exceeds its time budget or heap terminates the worker, and the next request gets a fresh one.
 */
class ParserWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** A document is being parsed here; the pool gives one at a time to a worker that is not busy. */
  busy = false;
  /** AsyncAPI versions whose specification schema this worker was asked to compile ahead. */
  private prepared = new Set<string>();

  constructor(private readonly heapMb: number) {}

  parse(
    text: string,
    source: string,
    timeoutMs: number,
    files: Record<string, string> = {},
  ): Promise<ParseOutcome> {
    // Posted now, not after a microtask: the main thread may go on to read the next document
    // synchronously, and this one should be parsing meanwhile.
    this.busy = true;
    let run: Promise<ParseOutcome>;
    try {
      run = this.send(text, source, timeoutMs, files);
    } catch (error) {
      // Starting the worker or posting to it failed: this document fails, the worker stays usable.
      this.worker = undefined;
      run = Promise.resolve({ kind: "crash", detail: (error as Error).message });
    }
    return run.finally(() => {
      this.busy = false;
    });
  }

  /**
   * Starts the worker ahead of its first request, without keeping the process alive for it; with an
   * AsyncAPI version, the worker also compiles that version's specification schema meanwhile.
   */
  warm(version?: string): void {
    const worker = this.ensure();
    if (version !== undefined && !this.prepared.has(version)) {
      this.prepared.add(version);
      worker.postMessage({ prepare: version });
    }
    if (this.pending.size === 0) worker.unref();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    worker.on(
      "message",
      (msg: { id: number; crash?: string } & Partial<Extract<ParseOutcome, { kind: "parsed" }>>) => {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        clearTimeout(p.timer);
        this.idle();
        if (msg.crash !== undefined) p.resolve({ kind: "crash", detail: msg.crash });
        else p.resolve({ kind: "parsed", diagnostics: msg.diagnostics ?? [], resolved: msg.resolved });
      },
    );
    const failAll = (outcome: ParseOutcome) => {
      this.worker = undefined;
      this.prepared.clear();
      for (const [, p] of this.pending) {
        clearTimeout(p.timer);
        p.resolve(outcome);
      }
      this.pending.clear();
    };
    worker.on("error", (error: Error & { code?: string }) => {
      failAll(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? { kind: "out-of-memory" }
          : { kind: "crash", detail: error.stack ?? error.message },
      );
    });
    worker.on("exit", () => {
      if (this.worker === worker) failAll({ kind: "crash", detail: "parser worker exited unexpectedly" });
    });
    this.worker = worker;
    return worker;
  }

  private send(
    text: string,
    source: string,
    timeoutMs: number,
    files: Record<string, string>,
  ): Promise<ParseOutcome> {
    const worker = this.ensure();
    worker.ref();
    const id = this.nextId++;
    return new Promise<ParseOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.worker = undefined;
        this.prepared.clear();
        void worker.terminate();
        resolve({ kind: "timeout", ms: timeoutMs });
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      worker.postMessage({ id, text, source, files });
    });
  }

  /** An idle worker must not keep the process alive. */
  private idle(): void {
    if (this.pending.size === 0) this.worker?.unref();
  }

  /** The pool closes a worker only once it is idle. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

export interface ParserPool {
  /** `files`: absolute path → text of the `$ref`'d files, served to the parser instead of the disk. */
  parse(
    text: string,
    source: string,
    timeoutMs: number,
    files?: Record<string, string>,
  ): Promise<ParseOutcome>;
  /**
   * Starts the `count` workers the next documents will go to, now and in parallel: parser start-up
   * (~0.8 s each) then overlaps the main thread's reading instead of being paid by whichever document
   * first lands on a cold worker. `version` (the `asyncapi` field of the coming document, a hint) lets
   * them compile that version's specification schema meanwhile (~0.5 s, once per worker).
   */
  warm(count: number, version?: string): void;
  close(): Promise<void>;
}

/**
 * Spreads documents over `size` workers (each with its own Parser) through one queue: a worker takes
 * the next document when it is free, so a big document holds up only its own worker, not every
 * document dealt to that worker in turn.
 */
export function createParserPool(size: number, heapMb: number): ParserPool {
  const workers = Array.from({ length: Math.max(1, size) }, () => new ParserWorker(heapMb));
  const queue: ((worker: ParserWorker) => void)[] = [];
  let drained: (() => void)[] = [];
  const pump = () => {
    for (const worker of workers) {
      if (queue.length === 0) break;
      if (!worker.busy) queue.shift()?.(worker);
    }
    if (queue.length === 0 && workers.every((w) => !w.busy)) {
      for (const done of drained) done();
      drained = [];
    }
  };
  return {
    parse(text, source, timeoutMs, files) {
      return new Promise<ParseOutcome>((resolve) => {
        queue.push((worker) => {
          void worker.parse(text, source, timeoutMs, files).then(resolve).finally(pump);
        });
        pump();
      });
    },
    warm(count, version) {
      // Idle workers first: they take the coming documents.
      const order = [...workers].sort((a, b) => Number(a.busy) - Number(b.busy));
      for (const w of order.slice(0, Math.max(0, count))) w.warm(version);
    },
    /** Lets every queued document be parsed first (the shared pool may be replaced while a load still uses it). */
    async close() {
      if (queue.length > 0 || workers.some((w) => w.busy))
        await new Promise<void>((done) => drained.push(done));
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

let shared: { pool: ParserPool; key: string } | undefined;

/** The process-wide pool: parser start-up is paid once per process, not per load. */
export function sharedParserPool(size: number, heapMb: number): ParserPool {
  const key = `${size}:${heapMb}`;
  if (!shared || shared.key !== key) {
    void shared?.pool.close();
    shared = { pool: createParserPool(size, heapMb), key };
  }
  return shared.pool;
}
