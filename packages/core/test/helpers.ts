/** Pieces several core test files share. */
import { expect } from "vitest";
import { GenericSwitchConfigException, GenericSwitchDevice } from "@ngs/core";

/** A device that sends nothing: for tests about what the base class does with a section. */
export class QuietDevice extends GenericSwitchDevice {
  async addNetwork() {}
  async delNetwork() {}
  async plugPortToNetwork() {}
  async deletePort() {}
  async plugBondToNetwork() {}
  async unplugBondFromNetwork() {}
  async addSubportsOnTrunk() {}
  async delSubportsOnTrunk() {}
}

/** The problems a `GenericSwitchConfigException` thrown by `fn` lists; fails the test if `fn` throws nothing else. */
export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GenericSwitchConfigException);
    return (e as GenericSwitchConfigException).args.problems as string[];
  }
  throw new Error("expected a GenericSwitchConfigException");
}
