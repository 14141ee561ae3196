import { describe, expect, it } from "vitest";
import {
  GenericSwitchBatchError,
  GenericSwitchConfigException,
  GenericSwitchEntrypointLoadError,
  GenericSwitchException,
  GenericSwitchInvalidValue,
  GenericSwitchLockAcquireFailed,
  GenericSwitchNetmikoConfigError,
  GenericSwitchNetmikoConnectError,
  GenericSwitchNetmikoMethodError,
  GenericSwitchNetmikoNotSupported,
  GenericSwitchNetworkNameFormatInvalid,
  GenericSwitchNotSupported,
  GenericSwitchSecurityGroupRuleNotSupported,
  ShutdownTimeout,
  formatTemplate,
  sanitiseConfig,
} from "@ngs/core";

// Each class with its arguments and the message upstream's (the seed's) template renders.
const cases: [typeof GenericSwitchException, Record<string, unknown>, string][] = [
  [GenericSwitchException, { method: "plug_port" }, "plug_port failed."],
  [GenericSwitchConfigException, { option: "ngs_switchport_mode", allowed_options: "access, general" }, "ngs_switchport_mode must be one of: access, general"],
  [GenericSwitchEntrypointLoadError, { ep: "netmiko_foo", err: "unknown device type" }, "Failed to load entrypoint netmiko_foo: unknown device type"],
  [
    GenericSwitchNetworkNameFormatInvalid,
    { name_format: "{foo}" },
    "Invalid value for 'ngs_network_name_format': {foo}. Valid format options include 'network_id' and 'segmentation_id'",
  ],
  [GenericSwitchNetmikoMethodError, { cmds: ["vlan {segmentation_id}"], args: { segmentation_id: 0 } }, 'Can not parse arguments: commands ["vlan {segmentation_id}"], args {"segmentation_id":0}'],
  [GenericSwitchNetmikoNotSupported, { device_type: "netmiko_nope" }, "Netmiko does not support device type netmiko_nope"],
  [GenericSwitchNetmikoConnectError, { config: "sw1", error: "timed out" }, "Netmiko connection error: sw1, error: timed out"],
  [GenericSwitchNetmikoConfigError, { config: "sw1", error: "Invalid input" }, "Netmiko configuration error: sw1, error: Invalid input"],
  [GenericSwitchBatchError, { device: "sw1", error: "etcd down" }, "Batching error: sw1, error: etcd down"],
  [
    GenericSwitchNotSupported,
    { feature: "trunk", switch: "cisco_s300", error: "no trunk templates" },
    "Requested feature trunk is not supported by networking-generic-switch on the cisco_s300. no trunk templates",
  ],
  [
    GenericSwitchSecurityGroupRuleNotSupported,
    { switch: "sonic", error: "icmp type" },
    "Security group rule is not supported on the sonic. icmp type",
  ],
  [ShutdownTimeout, { timeout: 30, pending: "2 batches" }, "Shutdown timed out after 30 seconds waiting for 2 batches."],
  [
    GenericSwitchLockAcquireFailed,
    { pool_size: 2, prefix: "10.0.0.1", timeout: 60 },
    "Failed to acquire any of 2 locks for 10.0.0.1 for a netmiko action in 60 seconds. Try increasing acquire_timeout.",
  ],
  [GenericSwitchInvalidValue, { what: "port name", value: '"e1;reboot"', reason: "bad" }, 'Invalid port name "e1;reboot": bad'],
];

describe("exception templates", () => {
  it.each(cases)("%o renders its template", (cls, args, expected) => {
    const e = new cls(args);
    expect(e.message).toBe(expected);
    expect(e.name).toBe(cls.name);
    expect(e).toBeInstanceOf(GenericSwitchException);
    expect(e).toBeInstanceOf(Error);
    expect(e.args).toEqual(args);
  });

  it("a missing placeholder value renders a marker instead of crashing", () => {
    const e = new GenericSwitchNetmikoConnectError({ config: "sw1" });
    expect(e.message).toBe("Netmiko connection error: sw1, error: <error?>");
    expect(new GenericSwitchBatchError().message).toBe("Batching error: <device?>, error: <error?>");
  });

  it("message= replaces the template, as upstream's keyword does", () => {
    const e = new GenericSwitchNotSupported({ message: "Security groups are off on sw1" });
    expect(e.message).toBe("Security groups are off on sw1");
  });

  it("chains the cause and uses the cause's message for an Error argument", () => {
    const root = new Error("connection reset");
    const e = new GenericSwitchNetmikoConnectError({ config: "sw1", error: root, cause: root });
    expect(e.cause).toBe(root);
    expect(e.message).toBe("Netmiko connection error: sw1, error: connection reset");
    expect(new GenericSwitchException({ method: "x" }).cause).toBeUndefined();
  });

  it("renders null as None, like the Python original", () => {
    expect(formatTemplate("%(a)s/%(b)s", { a: null, b: 3 })).toBe("None/3");
  });
});

describe("sanitiseConfig", () => {
  it("masks every secret and keeps the rest", () => {
    const out = sanitiseConfig({ ip: "10.0.0.1", username: "admin", password: "pw", secret: "en", key_file: "/k", passphrase: "pp" });
    expect(out).toEqual({ ip: "10.0.0.1", username: "admin", password: "******", secret: "******", key_file: "******", passphrase: "******" });
    const e = new GenericSwitchNetmikoConnectError({ config: out, error: "x" });
    expect(e.message).not.toContain("pw");
    expect(e.message).toContain("10.0.0.1");
  });
});

describe("instanceof across copies of @ngs/core", () => {
  it("recognises an error made by a second copy (same brand, same class name), and only by class", () => {
    // What a plugin dir's own copy of @ngs/core would define: different class objects, same names.
    const brand = Symbol.for("@ngs/core:GenericSwitchException");
    const copy = {
      GenericSwitchException: class extends Error {},
    };
    Object.defineProperty(copy.GenericSwitchException.prototype, brand, { value: true });
    const other = { GenericSwitchNetmikoConfigError: class extends copy.GenericSwitchException {} };
    const e = new other.GenericSwitchNetmikoConfigError("x");
    expect(e).toBeInstanceOf(GenericSwitchException);
    expect(e).toBeInstanceOf(GenericSwitchNetmikoConfigError);
    expect(e).not.toBeInstanceOf(GenericSwitchNetmikoConnectError);
    // Without the brand, a same-named class is not ours.
    const impostor = { GenericSwitchException: class extends Error {} };
    expect(new impostor.GenericSwitchException("y")).not.toBeInstanceOf(GenericSwitchException);
    expect(new Error("z")).not.toBeInstanceOf(GenericSwitchException);
  });
});
