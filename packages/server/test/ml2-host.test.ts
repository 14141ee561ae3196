import { describe, expect, it } from "vitest";
import { RequestDriverHost } from "../src/ml2-host.js";

describe("RequestDriverHost physnet VLANs", () => {
  it("answers from the request's physnet_vlans: the union over the asked physnets, or every physnet", async () => {
    const host = new RequestDriverHost({ physnetVlans: { physnet1: [200, 100], physnet2: [300, 100] } });
    expect(await host.physnetVlans!(["physnet1"])).toEqual([100, 200]);
    expect(await host.physnetVlans!(["physnet1", "physnet2"])).toEqual([100, 200, 300]);
    expect(await host.physnetVlans!([])).toEqual([100, 200, 300]);
    expect(await host.physnetVlans!(["physnet9"])).toEqual([]);
  });

  it("without them there is no query: converging switches change the one VLAN", () => {
    expect(new RequestDriverHost({}).physnetVlans).toBeUndefined();
  });
});
