import { readFileSync } from "node:fs";
import bcrypt from "bcryptjs";
import { GenericSwitchConfigException } from "@ngs/core";

/**
 * An Apache htpasswd file with bcrypt entries (`htpasswd -B`), as Ironic's
 * `http_basic` auth reads it. Hand-written on purpose: the maintained npm
 * reader (http-auth) also accepts plain-text, crypt and MD5 entries and
 * checks synchronously on the event loop; Ironic accepts bcrypt only, and so
 * do we, checking with bcryptjs asynchronously.
 */
export class Htpasswd {
  private constructor(
    private readonly users: ReadonlyMap<string, string>,
    readonly file: string,
  ) {}

  /** Read and check every line; one error lists every bad line (never a hash). */
  static load(file: string): Htpasswd {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new GenericSwitchConfigException({
        message: `[ironic_networking_json_rpc] http_basic_auth_user_file: cannot read ${file}: ${(e as Error).message}`,
      });
    }
    const users = new Map<string, string>();
    const problems: string[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === "" || line.trimStart().startsWith("#")) return;
      const colon = line.indexOf(":");
      const user = colon > 0 ? line.slice(0, colon) : "";
      const hash = colon > 0 ? line.slice(colon + 1).trim() : "";
      if (!user) problems.push(`line ${i + 1}: expected user:hash`);
      else if (!/^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash)) problems.push(`line ${i + 1}: user ${user}: not a bcrypt entry (write it with htpasswd -B)`);
      else if (!users.has(user)) users.set(user, hash);
    });
    if (problems.length) {
      throw new GenericSwitchConfigException({
        message: `[ironic_networking_json_rpc] http_basic_auth_user_file ${file}: ${problems.join("; ")}`,
      });
    }
    if (users.size === 0) {
      throw new GenericSwitchConfigException({ message: `[ironic_networking_json_rpc] http_basic_auth_user_file ${file}: no users (add one with htpasswd -B)` });
    }
    return new Htpasswd(users, file);
  }

  get size(): number {
    return this.users.size;
  }

  /** True when the user exists and the password matches its bcrypt hash. */
  async verify(user: string, password: string): Promise<boolean> {
    const hash = this.users.get(user);
    // Compare against a fixed hash for unknown users too, so timing does not tell which users exist.
    const ok = await bcrypt.compare(password, hash ?? UNKNOWN_USER_HASH);
    return ok && hash !== undefined;
  }
}

/** A hash of a random password, at htpasswd -B's default cost. */
const UNKNOWN_USER_HASH = bcrypt.hashSync(Math.random().toString(36), 5);
