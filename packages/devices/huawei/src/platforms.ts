/** The Huawei VRP dialects; `static platform` of the device classes. */
import { vrpLike } from "@ngs/core/device-kit";

export const huawei = vrpLike({ name: "huawei" });

/** VRPv8 stages changes: they take effect at `commit`, so a config set stays in system-view. */
export const huaweiVrpv8 = vrpLike({
  name: "huawei_vrpv8",
  config: { enter: "system-view", exit: "return", inConfigPattern: /\]\s*$/, exitAfterConfigSet: false },
  // netmiko: success unless the output says the commit failed.
  commit: { command: "commit", success: /(?:)/, failure: /Failed to generate committed config/, inConfigMode: true },
});
