import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { ensureBroker } from "./broker.js";
import { brokerAddress, brokerScript, brokerSh, decideBroker, hasCommand } from "./global-setup.js";

describe("Kafka global setup: deciding the broker once per run", () => {
  it("takes KAFKA_BROKERS as given and never stops it", () => {
    expect(decideBroker({ KAFKA_BROKERS: " 10.0.0.1:9092, 10.0.0.2:9092 " })).toEqual({
      brokers: ["10.0.0.1:9092", "10.0.0.2:9092"],
      reason: "",
      started: false,
    });
  });

  it("says why when Java or Maven is missing", () => {
    const decision = decideBroker({}, (command) => command !== "mvn");
    expect(decision).toMatchObject({ brokers: [], started: false });
    expect(decision.reason).toBe("no KAFKA_BROKERS, and Java or Maven is missing to start a local broker");
  });

  it("carries broker.sh's own message when the broker cannot start", () => {
    const nowhere = "/proc/eventline-no-such-home";
    const decision = decideBroker({
      PATH: process.env.PATH,
      EVENTLINE_KAFKA_HOME: nowhere,
      KAFKA_LIBS: `${nowhere}/libs`,
    });
    expect(decision.brokers).toEqual([]);
    expect(decision.reason).toMatch(/^the local broker did not start: .*eventline-no-such-home/);
  });
});

describe("the broker address broker.sh prints", () => {
  it("is read from start, reuse and status lines", () => {
    expect(brokerAddress("broker started (pid 12) on 127.0.0.1:41234\n")).toBe("127.0.0.1:41234");
    expect(brokerAddress("broker already running (pid 12) on 127.0.0.1:9092")).toBe("127.0.0.1:9092");
    expect(brokerAddress("broker not running")).toBeUndefined();
  });

  it("the shared broker of this run listens where the setup said, not on a fixed port", () => {
    const decided = inject("eventlineKafka");
    if (decided.brokers.length === 0 || process.env.KAFKA_BROKERS || process.env.KAFKA_PORT) return;
    const status = spawnSync("bash", [brokerScript, "status"], { encoding: "utf8" });
    expect(brokerAddress(status.stdout)).toBe(decided.brokers[0]);
  });
});

describe("ensureBroker reads the decision", () => {
  const saved = process.env.KAFKA_BROKERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.KAFKA_BROKERS;
    else process.env.KAFKA_BROKERS = saved;
  });

  it("prefers KAFKA_BROKERS, else what the global setup provided", () => {
    process.env.KAFKA_BROKERS = "127.0.0.1:1,127.0.0.1:2";
    expect(ensureBroker().brokers).toEqual(["127.0.0.1:1", "127.0.0.1:2"]);
    delete process.env.KAFKA_BROKERS;
    const handle = ensureBroker();
    expect({ brokers: handle.brokers, reason: handle.reason }).toEqual(inject("eventlineKafka"));
    handle.release(); // the setup owns the broker: releasing a handle stops nothing
    expect(ensureBroker().brokers).toEqual(handle.brokers);
  });
});

describe("broker.sh commands", () => {
  const homes: string[] = [];
  afterEach(() => {
    for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
  });
  const sh = (...args: string[]) => {
    const home = mkdtempSync(join(tmpdir(), "eventline-kafka-"));
    homes.push(home);
    const r = spawnSync("bash", [brokerScript, ...args], {
      env: { ...process.env, EVENTLINE_KAFKA_HOME: home, KAFKA_PORT: "9392", KAFKA_CONTROLLER_PORT: "9393" },
      encoding: "utf8",
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
  };

  it("refuses unknown commands and options with the usage", () => {
    expect(sh("bogus")).toEqual({
      status: 1,
      out: "broker.sh: usage: broker.sh start [--keep-data]|kill|restart|stop|status",
    });
    expect(sh("start", "--keep")).toEqual({
      status: 1,
      out: "broker.sh: unknown option for start: --keep (only --keep-data)",
    });
  });

  it("kill, stop and status on a broker that is not running", () => {
    expect(sh("kill")).toEqual({ status: 0, out: "broker not running" });
    expect(sh("stop")).toEqual({ status: 0, out: "broker not running" });
    expect(sh("status")).toEqual({ status: 1, out: "stopped" });
  });
});

describe("broker.sh without KAFKA_PORT", () => {
  const repo = resolve(import.meta.dirname, "../..");
  const libs = resolve(process.env.EVENTLINE_KAFKA_HOME ?? resolve(repo, ".eventline/kafka"), "libs");
  const homes = [0, 1].map(() => mkdtempSync(join(tmpdir(), "eventline-kafka-free-")));
  const { KAFKA_PORT: _port, KAFKA_CONTROLLER_PORT: _controllerPort, ...inherited } = process.env;
  const envOf = (home: string) => ({
    ...inherited,
    EVENTLINE_KAFKA_HOME: home,
    KAFKA_LIBS: libs,
    KAFKA_HEAP: "256M",
  });
  afterAll(() => {
    for (const home of homes) {
      spawnSync("bash", [brokerScript, "stop"], { env: envOf(home) });
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);

  it.runIf(inject("eventlineKafka").brokers.length > 0 && hasCommand("java"))(
    "two homes start side by side on free ports, and a restart on kept data keeps its port",
    () => {
      const [first, second] = homes.map((home) => brokerAddress(brokerSh(["start"], envOf(home))));
      expect(first).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(second).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(second).not.toBe(first);
      expect(brokerAddress(brokerSh(["restart"], envOf(homes[0]!)))).toBe(first);
    },
    300_000,
  );
});
