import ssh2 from "ssh2";

const { utils } = ssh2;

/**
 * An ed25519 key pair in OpenSSH format that ssh2 can read back.
 * ssh2 1.17's generator drops a leading zero byte of the public key about
 * once in 250 keys, and then refuses its own key ("Malformed OpenSSH private
 * key"); such a pair is simply generated again.
 */
export function generateKeyPair(): { private: string; public: string } {
  for (let attempt = 0; attempt < 32; attempt++) {
    const pair = utils.generateKeyPairSync("ed25519");
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) return pair;
  }
  throw new Error("switch-sim: could not generate a readable ed25519 key pair");
}
