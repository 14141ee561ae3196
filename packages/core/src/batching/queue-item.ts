import type { Lease } from "etcd3";
import type { BatchRecord } from "./keys.js";

/**
 * One queued request: its uuid, the etcd revision that created its input key
 * (FIFO order), and what its caller last wrote there.
 */
export class SwitchQueueItem {
  constructor(
    readonly uuid: string,
    readonly createRevision: bigint,
    readonly inputKey: string,
    readonly resultKey: string,
    /** The caller's lease: the input and its result key hang on it (revoked once the request is settled). */
    readonly lease: Lease | undefined,
    /** The input's record as last written by the caller. */
    public record: BatchRecord,
    /** The input's mod revision after the caller's last write. */
    public modRevision: bigint,
  ) {}

  /** No worker may start this request after this time. */
  get notAfter(): number {
    return this.record.not_after ?? Infinity;
  }
}

/** An input read back from etcd. */
export interface PendingBatch {
  key: string;
  createRevision: bigint;
  /** The revision of the value read: a transaction on the input compares it, so it acts on exactly this record. */
  modRevision: bigint;
  lease: string;
  record: BatchRecord;
}

/** Hosts' clocks may differ this much: `not_after` is compared on the worker's clock. */
export const CLOCK_SKEW_MS = 1000;
