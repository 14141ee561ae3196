// Takes one PoolLock name through the etcd coordinator, says so, then waits to be killed.
// argv: backendUrl lockName
import { EtcdCoordinator } from "@ngs/core";

const [url, name] = process.argv.slice(2);
const coordinator = await EtcdCoordinator.connect(url);
const ok = await coordinator.getLock(name).tryAcquire();
process.stdout.write(`${JSON.stringify({ type: "held", ok })}\n`);
setInterval(() => {}, 1 << 30);
