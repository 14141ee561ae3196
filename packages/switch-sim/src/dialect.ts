import type { SimCounters, SimFaults, SimState } from "./types.js";

/** What a dialect sees of the switch it runs on (shared by all its sessions). */
export interface SwitchContext {
  readonly platform: string;
  readonly hostname: string;
  readonly state: SimState;
  readonly counters: SimCounters;
  readonly faults: SimFaults;
  readonly secret: string | undefined;
  readonly password: string | undefined;
  readonly privileged: boolean;
  readonly loginQuestions: boolean;
  /** PowerConnect: `User Name:` / `Password:` asked in the shell after SSH auth "none" (default on). */
  readonly inbandLogin: boolean;
  /** Replaces the platform banner when set. */
  readonly banner: string | undefined;
  /** The configured login user. */
  readonly username: string;
  /** Switch-wide data a dialect keeps beside SimState (OVS columns, NCLU pending, ...). */
  readonly extra: Map<string, unknown>;
}

/** The terminal one dialect session writes to and reads dialogue answers from. */
export interface Shell {
  readonly sw: SwitchContext;
  readonly username: string;
  /** `\n` is sent as `\r\n`. */
  write(text: string): void;
  /** Writes `question` (no newline) and returns the next input line; `echo: false` hides it. */
  ask(question: string, opts?: { echo?: boolean }): Promise<string>;
  /** Counts a save and waits the configured save latency. */
  save(): Promise<void>;
  /** Counts a commit. */
  commit(): void;
  /** Ends the session after the current command. */
  end(): void;
}

export interface DialectSession {
  banner(): string;
  /**
   * In-band dialogue after the banner when `loginQuestions` is on; resolves
   * false to hang up (the user declined or failed the in-band login).
   */
  login?(): Promise<boolean>;
  /** Written without a trailing newline. */
  prompt(): string;
  /** Handles one command line (already echoed); writes its output ending in `\n`. */
  run(line: string): Promise<void> | void;
}

export interface Dialect {
  readonly platform: string;
  /** Hostname used when none is given. */
  readonly defaultHostname: string;
  open(shell: Shell): DialectSession;
}

/** Splits a command into words, keeping "quoted strings" together. */
export function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Column of word `index` in `line` (for caret markers). */
export function wordColumn(line: string, index: number): number {
  const re = /\S+/g;
  let i = 0;
  for (let m = re.exec(line); m; m = re.exec(line), i++) if (i === index) return m.index;
  return line.length;
}

/** Applies a trailing `| include X` / `| exclude X` / `| begin X` filter to output text. */
export function splitPipe(line: string): { cmd: string; filter: (out: string) => string } {
  const m = /^(.*?)\s*\|\s*(include|inc|i|exclude|exc|e|begin|b|grep|match)\s+(.+)$/.exec(line);
  if (!m) return { cmd: line, filter: (o) => o };
  const pat = m[3]!.trim().replace(/^"(.*)"$/, "$1");
  let re: RegExp;
  try {
    re = new RegExp(pat);
  } catch {
    re = new RegExp(pat.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  }
  const kind = m[2]!;
  return {
    cmd: m[1]!,
    filter: (out) => {
      const lines = out.split("\n").filter((l) => l !== "");
      let kept: string[];
      if (kind.startsWith("e")) kept = lines.filter((l) => !re.test(l));
      else if (kind.startsWith("b")) {
        const i = lines.findIndex((l) => re.test(l));
        kept = i < 0 ? [] : lines.slice(i);
      } else kept = lines.filter((l) => re.test(l));
      return kept.length ? kept.join("\n") + "\n" : "";
    },
  };
}
