import { EventlineError } from "../../errors.js";

export interface GroupProcessing {
  /** Handler run time percentiles over the window, ms; null when the group reported no runs. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** Dead-lettered / (consumed + dead-lettered) over the window; null without traffic. */
  errorRate: number | null;
}

interface VectorResult {
  status: string;
  error?: string;
  data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

/**
 * Processing time and error rate per consumer group, from a Prometheus server that scrapes the
 * services' metric set (docs/runtime.md#telemetry), through its HTTP query API.
 */
export async function groupProcessing(
  prometheusUrl: string,
  groups: readonly string[],
  options: { window?: string; timeoutMs?: number } = {},
): Promise<Map<string, GroupProcessing>> {
  const window = options.window ?? "5m";
  const by = "messaging_consumer_group_name";
  const quantile = (q: number) =>
    `histogram_quantile(${q}, sum by (le, ${by}) (rate(messaging_process_duration_bucket[${window}])))`;
  const dead = `sum by (${by}) (rate(eventline_messages_dead_lettered_total[${window}]))`;
  const consumed = `sum by (${by}) (rate(messaging_client_consumed_messages_total[${window}]))`;
  const [p50, p99, errors] = await Promise.all([
    query(prometheusUrl, quantile(0.5), options.timeoutMs),
    query(prometheusUrl, quantile(0.99), options.timeoutMs),
    query(prometheusUrl, `${dead} / (${dead} + ${consumed})`, options.timeoutMs),
  ]);
  const result = new Map<string, GroupProcessing>();
  for (const group of groups) {
    const ms = (values: Map<string, number>) => {
      const v = values.get(group);
      return v === undefined ? null : Math.round(v * 1000 * 1000) / 1000;
    };
    const rate = errors.get(group);
    result.set(group, { p50Ms: ms(p50), p99Ms: ms(p99), errorRate: rate === undefined ? null : rate });
  }
  return result;
}

async function query(base: string, promql: string, timeoutMs = 5000): Promise<Map<string, number>> {
  const url = new URL("api/v1/query", base.endsWith("/") ? base : `${base}/`);
  url.searchParams.set("query", promql);
  let body: VectorResult;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    body = (await response.json()) as VectorResult;
  } catch (error) {
    throw new EventlineError(
      "INPUT_INVALID",
      `no answer from Prometheus at ${base}: ${error instanceof Error ? error.message : String(error)}`,
      { hint: "Pass the base URL of a Prometheus server (e.g. http://127.0.0.1:9090) with --prometheus." },
    );
  }
  if (body.status !== "success" || body.data?.resultType !== "vector") {
    throw new EventlineError(
      "INPUT_INVALID",
      `Prometheus at ${base} refused the query: ${body.error ?? body.status}`,
    );
  }
  const values = new Map<string, number>();
  for (const { metric, value } of body.data.result) {
    const group = metric.messaging_consumer_group_name;
    const n = Number(value[1]);
    if (group !== undefined && Number.isFinite(n)) values.set(group, n);
  }
  return values;
}
