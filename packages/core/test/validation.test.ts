import { describe, expect, it } from "vitest";
import { GenericSwitchException, GenericSwitchInvalidValue, networkIdHex, validateNetworkId, validatePortName, validateVlanId } from "@ngs/core";

describe("validatePortName", () => {
  const good = ["Ethernet1/1", "GigabitEthernet0/1.100", "xe-0/0/1:2", "swp1", "bond_0", "Po-12", "1/1/1", "tap-abc.def"];
  it.each(good)("accepts %s for a CLI and a shell", (name) => {
    expect(validatePortName(name, { shell: false })).toBe(name);
    expect(validatePortName(name, { shell: true })).toBe(name);
  });

  it("accepts one inner space for a switch CLI only", () => {
    expect(validatePortName("GigabitEthernet 1/0/1", { shell: false })).toBe("GigabitEthernet 1/0/1");
    expect(() => validatePortName("GigabitEthernet 1/0/1", { shell: true })).toThrow(GenericSwitchInvalidValue);
    expect(() => validatePortName("a  b", { shell: false })).toThrow(GenericSwitchInvalidValue);
    expect(() => validatePortName("a b c", { shell: false })).toThrow(GenericSwitchInvalidValue);
    expect(() => validatePortName(" eth1", { shell: false })).toThrow(GenericSwitchInvalidValue);
    expect(() => validatePortName("eth1 ", { shell: false })).toThrow(GenericSwitchInvalidValue);
  });

  const injections = [
    "eth1\nreload",
    "eth1\r\nwrite erase",
    "eth1;reboot",
    "eth1|cat /etc/shadow",
    "eth1&&id",
    "$(id)",
    "`id`",
    "eth1'",
    'eth1"',
    "eth1>x",
    "eth1<x",
    "eth1\u0000",
    "eth1\u001b[2J",
    "eth1\t",
    "eth1#",
    "",
  ];
  it.each(injections)("refuses %j with an error naming the value", (name) => {
    for (const shell of [true, false]) {
      let err: unknown;
      try {
        validatePortName(name, { shell });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GenericSwitchInvalidValue);
      expect(err).toBeInstanceOf(GenericSwitchException);
      expect((err as Error).message).toContain(JSON.stringify(name));
    }
  });

  it("refuses an option-looking name in a shell command and non-strings", () => {
    expect(() => validatePortName("--help", { shell: true })).toThrow(/must not start with '-'/);
    expect(() => validatePortName(42, { shell: false })).toThrow(GenericSwitchInvalidValue);
    expect(() => validatePortName("x".repeat(200), { shell: false })).toThrow(/longer than/);
    expect(() => validatePortName("e;1", { shell: false, what: "bond name" })).toThrow(/^Invalid bond name/);
  });
});

describe("validateVlanId", () => {
  it("accepts 1..4094 as numbers or digit strings", () => {
    expect(validateVlanId(1)).toBe(1);
    expect(validateVlanId("4094")).toBe(4094);
    expect(validateVlanId("0100")).toBe(100);
  });
  it.each([0, 4095, -1, 1.5, NaN, "", " 10", "10\n", "1e3", "0x10", "+5", "ten", null, undefined, {}])("refuses %j", (v) => {
    expect(() => validateVlanId(v, "segmentation id")).toThrow(/Invalid segmentation id .*: expected an integer from 1 to 4094/);
  });
});

describe("validateNetworkId", () => {
  it("accepts the forms Python's uuid.UUID accepts and normalises them", () => {
    const dashed = "0F0E0D0C-0B0A-0908-0706-050403020100";
    expect(validateNetworkId(dashed)).toBe(dashed.toLowerCase());
    expect(networkIdHex(dashed)).toBe("0f0e0d0c0b0a09080706050403020100");
    expect(networkIdHex("0f0e0d0c0b0a09080706050403020100")).toBe("0f0e0d0c0b0a09080706050403020100");
    expect(networkIdHex("{0f0e0d0c-0b0a-0908-0706-050403020100}")).toBe("0f0e0d0c0b0a09080706050403020100");
    expect(networkIdHex("urn:uuid:0f0e0d0c-0b0a-0908-0706-050403020100")).toBe("0f0e0d0c0b0a09080706050403020100");
  });
  it.each(["net1", "0f0e0d0c-0b0a-0908-0706-05040302010", "0f0e0d0c0b0a-0908-0706-050403020100", "0f0e0d0c-0b0a-0908-0706-05040302010g", "0f0e0d0c-0b0a-0908-0706-050403020100\nx", 7])(
    "refuses %j",
    (v) => {
      expect(() => validateNetworkId(v)).toThrow(/Invalid network id .*expected a UUID/);
    },
  );
});
