/** Upstream's etcd key layout for batching (docs/upstream.md#batching); `<switch>` is the device's host or ip. */
export const BATCH_KEY_ROOT = "/ngs/batch/";

export interface BatchKeys {
  readonly switchId: string;
  readonly inputPrefix: string;
  readonly outputPrefix: string;
  readonly executeLock: string;
  input(uuid: string): string;
  output(uuid: string): string;
}

export function batchKeys(switchId: string): BatchKeys {
  const base = `${BATCH_KEY_ROOT}${switchId}`;
  return {
    switchId,
    inputPrefix: `${base}/input/`,
    outputPrefix: `${base}/output/`,
    executeLock: `${base}/execute_lock`,
    input: (uuid) => `${base}/input/${uuid}`,
    output: (uuid) => `${base}/output/${uuid}`,
  };
}

/** The JSON stored at an input key; a result adds `result` or `error`. */
export interface BatchRecord {
  cmds: string[];
  input_key: string;
  result_key: string;
  uuid: string;
  result?: string;
  error?: string;
  /**
   * ngs: no worker may start this batch after this time (ms since the epoch).
   * Its caller moves it forward while it waits; once the caller stops (gave
   * up, died, lost etcd) the batch can no longer run.
   */
  not_after?: number;
  /**
   * ngs: the lock value of the worker that started sending this batch. An
   * input that has it but no result may have been applied: it is never sent again.
   */
  started_by?: string;
}

/** JSON with sorted keys (upstream writes `json.dumps(..., sort_keys=True)`). */
export function encodeRecord(record: BatchRecord): string {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(record).sort()) sorted[k] = (record as unknown as Record<string, unknown>)[k];
  return JSON.stringify(sorted);
}

export function decodeRecord(text: string): BatchRecord {
  const v = JSON.parse(text) as BatchRecord;
  if (!v || !Array.isArray(v.cmds) || typeof v.uuid !== "string") throw new Error(`not a batch record: ${text.slice(0, 200)}`);
  return v;
}
