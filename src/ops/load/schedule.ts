/**
 * How many messages are due `t` ms after the start at `rate` messages/s, ramping linearly from 0 over
 * `rampMs`: the area under the rate curve.
 */
export function dueBy(t: number, rate: number, rampMs: number): number {
  if (t <= 0) return 0;
  const perMs = rate / 1000;
  if (rampMs <= 0 || t >= rampMs) return Math.floor(perMs * (t - Math.max(0, rampMs) / 2));
  return Math.floor((perMs * t * t) / (2 * rampMs));
}
