import { describe, expect, it } from "vitest";
import { murmur2, partitionForKey } from "../../src/runtime/murmur2.js";

/**
 * Expected values printed by the Java client itself (kafka-clients 4.4.0,
 * `Utils.murmur2(key.getBytes(UTF_8))` and `Utils.toPositive(h) % 12`), so keys land on the same
 * partitions as with Kafka's default partitioner.
 */
const VECTORS: [string, number, number][] = [
  ["21", -973932308, 0],
  ["foobar", -790332482, 6],
  ["a-little-bit-long-string", -985981536, 8],
  ["a-little-bit-longer-string", -1486304829, 11],
  ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971, 5],
  ["abc", 479470107, 3],
  ["", 275646681, 9],
  ["order-1", 1221710326, 10],
  ["ø€漢字", 329733607, 7],
];

describe("murmur2", () => {
  it.each(VECTORS)("hashes %j like the Java client", (key, hash, partition) => {
    expect(murmur2(new TextEncoder().encode(key))).toBe(hash);
    expect(partitionForKey(key, 12)).toBe(partition);
  });

  it("accepts raw bytes", () => {
    expect(partitionForKey(new Uint8Array([97, 98, 99]), 12)).toBe(3);
  });

  it("rejects a partition count that is not a positive integer", () => {
    expect(() => partitionForKey("a", 0)).toThrow(RangeError);
    expect(() => partitionForKey("a", 1.5)).toThrow(RangeError);
  });
});
