import { type PartitionerArgs, Partitioners, type RecordMetadata } from "kafkajs";
import { EventlineRuntimeError } from "../runtime/errors.js";

export interface OffsetTracker {
  /** Kafka's default partitioner, remembering the partition it chose for each message object. */
  createPartitioner(): (args: PartitionerArgs) => number;
  /**
   * Each sent message's partition and offset. kafkajs answers one send with one RecordMetadata per
   * partition (its batch's base offset); the messages of one partition are written as one batch in
   * send order, so the n-th message of a partition sits at base + n.
   */
  offsets(
    messages: readonly object[],
    metadata: readonly RecordMetadata[],
  ): { partition: number; offset: number }[];
}

export function offsetTracker(): OffsetTracker {
  const partitionOf = new WeakMap<object, number>();
  return {
    createPartitioner() {
      const choose = Partitioners.DefaultPartitioner();
      return (args) => {
        const partition = choose(args);
        partitionOf.set(args.message, partition);
        return partition;
      };
    },
    offsets(messages, metadata) {
      const next = new Map(metadata.map((m) => [m.partition, Number(m.baseOffset)]));
      return messages.map((message) => {
        const partition = partitionOf.get(message);
        const offset = partition === undefined ? undefined : next.get(partition);
        if (partition === undefined || offset === undefined || Number.isNaN(offset)) {
          // The records were written; only their positions are unknown. Not reachable with kafkajs 2.
          throw new EventlineRuntimeError(
            "SEND_METADATA_MISSING",
            `kafkajs did not report where a record was written (partition ${partition ?? "unknown"})`,
          );
        }
        next.set(partition, offset + 1);
        return { partition, offset };
      });
    },
  };
}
