export { default as FakeSwitch } from "./fake.js";
export type { FakeOperation, FakeSentSet } from "./fake.js";
