/** Whether ssh2's optional native crypto binding loaded (built at install when a C++ toolchain is present). */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * True when ssh2 encrypts with its native AES-GCM / ChaCha20 binding. Without
 * it ssh2 falls back to Node's crypto with a new cipher object per packet,
 * which on a 2-core VM costs ~0.4 ms more per command round trip (see
 * tools/bench/ANALYSIS.md).
 */
export function sshNativeCrypto(): boolean {
  try {
    return (require("ssh2/lib/protocol/crypto.js") as { bindingAvailable?: unknown }).bindingAvailable === true;
  } catch {
    return false;
  }
}
