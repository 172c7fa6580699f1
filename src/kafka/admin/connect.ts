import { connect, type Socket } from "node:net";
import { type Admin, type ISocketFactory, Kafka, logLevel } from "kafkajs";
import { EventlineError } from "../../errors.js";

export const DEFAULT_BROKERS = ["127.0.0.1:9092"];
export const DEFAULT_TIMEOUT_MS = 5000;

/** Where and how {@link withAdmin} connects. */
export interface AdminConnection {
  brokers: readonly string[];
  /** Connection timeout per broker, and the deadline for the whole connect (default 5000). */
  timeoutMs?: number;
  clientId?: string;
}

/**
 * `host:port[,host:port…]` → broker list. Bad input is a usage error here rather than a kafkajs
 * error later, which would name neither the flag nor the value.
 */
export function parseBrokers(value: string, from = "--brokers"): string[] {
  const brokers = value
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b !== "");
  const bad = brokers.find(
    (b) => !/^[^\s:/]+:\d{1,5}$/.test(b) || Number(b.slice(b.lastIndexOf(":") + 1)) > 65535,
  );
  if (brokers.length === 0 || bad !== undefined) {
    throw new EventlineError(
      "USAGE",
      `${from} ${JSON.stringify(value)} is not a list of host:port${bad !== undefined ? ` (${JSON.stringify(bad)})` : ""}`,
      { hint: "Write brokers as host:port, comma-separated, e.g. 127.0.0.1:9092,127.0.0.1:9093." },
    );
  }
  return brokers;
}

function isKafkaError(error: unknown): error is Error {
  return error instanceof Error && error.name.startsWith("KafkaJS");
}

function describe(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message !== error.message
    ? `${error.message}: ${cause.message}`
    : error.message;
}

/**
 * Connects an admin client with low timeouts and few retries (a CLI must fail fast on a wrong
 * address, not retry for a minute), runs `fn`, and always disconnects so no socket keeps the process
 * alive. Kafka failures become EventlineErrors (exit 2) that name the brokers, without a stack trace.
 */
export async function withAdmin<T>(
  connection: AdminConnection,
  fn: (admin: Admin) => Promise<T>,
): Promise<T> {
  return withKafka(connection, (_kafka, admin) => fn(admin));
}

/**
 * {@link withAdmin} that also hands over the client, for commands that consume and produce: every
 * producer and consumer made from `kafka` shares the command's sockets, so they are closed with it too.
 */
export async function withKafka<T>(
  connection: AdminConnection,
  fn: (kafka: Kafka, admin: Admin) => Promise<T>,
): Promise<T> {
  const timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const where = connection.brokers.join(",");
  // Our own sockets, so that none outlives the command: kafkajs keeps one open while a request to a
  // silent broker waits for its 30 s request timeout, and that would hold the process up.
  const sockets = new Set<Socket>();
  let finished = false;
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = connect({ host, port }, onConnect);
    // kafkajs may still be retrying a connect we gave up on: its new attempts fail at once.
    if (finished) {
      socket.destroy(new Error("eventline: the command is over"));
      return socket;
    }
    socket.setKeepAlive(true, 60_000);
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    return socket;
  };
  const kafka = new Kafka({
    clientId: connection.clientId ?? "eventline",
    socketFactory,
    brokers: [...connection.brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1000 },
  });
  const admin = kafka.admin();
  try {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new EventlineError("INPUT_INVALID", `no answer from Kafka at ${where} within ${timeoutMs} ms`),
          ),
        // Retries may take a few connection timeouts; past that, the broker is not there.
        timeoutMs * 3,
      );
      timer.unref();
    });
    try {
      await Promise.race([admin.connect(), deadline]);
    } catch (error) {
      throw unreachable(where, timeoutMs, error);
    } finally {
      clearTimeout(timer);
    }
    return await fn(kafka, admin);
  } catch (error) {
    if (isKafkaError(error)) {
      throw new EventlineError("INPUT_INVALID", `Kafka at ${where}: ${describe(error)}`, { cause: error });
    }
    throw error;
  } finally {
    // A broker that accepted the connection but never answered leaves a request in flight, and
    // kafkajs's disconnect waits for it (requestTimeout, 30 s): bound the wait, then let the socket go.
    finished = true;
    await settleWithin(admin.disconnect(), timeoutMs);
    // With an error: kafkajs listens for "error", not "close", to fail its in-flight requests.
    for (const socket of sockets) socket.destroy(new Error("eventline: the command is over"));
  }
}

async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}

function unreachable(where: string, timeoutMs: number, error: unknown): EventlineError {
  const detail = error instanceof EventlineError ? "" : isKafkaError(error) ? ` (${describe(error)})` : "";
  const message =
    error instanceof EventlineError ? error.message : `cannot connect to Kafka at ${where}${detail}`;
  return new EventlineError("INPUT_INVALID", message, {
    cause: error,
    hint:
      `Check that a broker listens there (timeout ${timeoutMs} ms). Pass --brokers host:port or set ` +
      "KAFKA_BROKERS; for a local broker: test/kafka/broker.sh start, or docker compose up -d kafka.",
  });
}
