/**
 * Child process of the SSH floor: the same conversation shape the driver
 * had with the simulator (sessions, awaited commands, bare returns and
 * answers per session), spoken by the leanest possible ssh2 client: no
 * config, no locks, no templates, a prompt is "the text ends in # or >".
 * Its wall time is what the simulator and SSH cost without ngs.
 */
import { once } from "node:events";
import ssh2 from "ssh2";
import type { ClientChannel } from "ssh2";

export interface SshFloorPlan {
  host: string;
  port: number;
  username: string;
  password: string;
  /** One entry per session: commands to await (each charged the simulator's latency) and uncharged round trips. */
  sessions: { commands: number; returns: number }[];
  /** A command the simulator accepts at its first prompt and answers with only a prompt. */
  command: string;
  /** An untimed first session (module loading, JIT): the driver is warm when its timed phase starts. */
  warmup: { commands: number; returns: number };
}

const PROMPT = /[#>]\s*$/;


function waitPrompt(shell: ClientChannel, state: { buf: string }): Promise<void> {
  if (PROMPT.test(state.buf)) {
    state.buf = "";
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      state.buf += d.toString("latin1");
      if (PROMPT.test(state.buf)) {
        state.buf = "";
        shell.off("data", onData);
        shell.off("close", onClose);
        resolve();
      }
    };
    const onClose = () => reject(new Error("ssh floor: the simulator closed the session"));
    shell.on("data", onData);
    shell.once("close", onClose);
  });
}

async function session(plan: SshFloorPlan, commands: number, returns: number): Promise<void> {
  const client = new ssh2.Client();
  const ready = once(client, "ready");
  client.connect({ host: plan.host, port: plan.port, username: plan.username, password: plan.password, authHandler: ["password"] });
  // At once, before the handshake: Nagle plus delayed ACK would add ~40 ms to a login.
  client.setNoDelay(true);
  await ready;
  const shell = await new Promise<ClientChannel>((resolve, reject) =>
    client.shell({ term: "vt100", cols: 511, rows: 1000 }, (err, ch) => (err ? reject(err) : resolve(ch))),
  );
  const state = { buf: "" };
  await waitPrompt(shell, state);
  for (let i = 0; i < returns; i++) {
    shell.write("\r");
    await waitPrompt(shell, state);
  }
  for (let i = 0; i < commands; i++) {
    shell.write(plan.command + "\r");
    await waitPrompt(shell, state);
  }
  // The logout line is sent, not awaited, as the driver does.
  shell.write("exit\r");
  const closed = once(client, "close");
  client.end();
  await closed;
}

// The plan (with the simulator's throwaway password) comes over IPC, not argv.
const [plan] = (await once(process, "message")) as [SshFloorPlan];
await session(plan, plan.warmup.commands, plan.warmup.returns);
const t0 = performance.now();
for (const s of plan.sessions) await session(plan, s.commands, s.returns);
process.send!({ wallMs: performance.now() - t0 }, () => process.exit(0));
