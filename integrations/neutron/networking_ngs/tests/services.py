"""Real services for the tests: simulated switches and ``ngs serve``.

Both run as child processes on free loopback ports and are stopped by PID.
Nothing is skipped: a service that cannot start fails the test run.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
NGS_BIN = os.path.join(REPO, "packages", "cli", "dist", "bin.js")
SIM_SCRIPT = os.path.join(HERE, "sim_switches.mjs")

SWITCH_PASSWORD = "py-Switch-pw-4417"
SWITCH_SECRET = "py-Enable-pw-9034"
API_USER = "neutron"
API_PASSWORD = "py-Api-pw-2290"
START_TIMEOUT = 30.0


def _node():
    node = shutil.which("node")
    if not node:
        raise RuntimeError("node (>= 20.19) is not on PATH; the tests need it "
                           "for ngs serve and the simulated switches")
    if not os.path.exists(NGS_BIN):
        raise RuntimeError("%s is missing: run `pnpm build` first" % NGS_BIN)
    return node


class _Child(object):
    """A child process whose output lines are collected by a thread."""

    def __init__(self, argv, stream="stdout", env=None):
        pipe, null = subprocess.PIPE, subprocess.DEVNULL
        self.proc = subprocess.Popen(
            argv, stdin=null, env=env, text=True,
            stdout=pipe if stream == "stdout" else null,
            stderr=pipe if stream == "stderr" else null)
        self.lines = []
        self._cond = threading.Condition()
        pipe = self.proc.stdout if stream == "stdout" else self.proc.stderr
        threading.Thread(target=self._read, args=(pipe,), daemon=True).start()

    def _read(self, pipe):
        for line in pipe:
            with self._cond:
                self.lines.append(line.rstrip("\n"))
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def wait_for(self, pattern, timeout=START_TIMEOUT):
        """The first match of ``pattern``; fails at the deadline or exit."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self.lines:
                    match = regex.search(line)
                    if match:
                        return match
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise RuntimeError(
                        "%s: no line matching %r (exit %s):\n%s" % (
                            self.proc.args[1], pattern, self.proc.poll(),
                            "\n".join(self.lines[-30:])))
                self._cond.wait(min(left, 0.5))

    def stop(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class SimSwitches(object):
    """``spec``: [(name, device_type)]; ``state()``: every switch's state."""

    def __init__(self, spec):
        body = json.dumps([{"name": n, "deviceType": t} for n, t in spec])
        self._child = _Child([_node(), SIM_SCRIPT, body, SWITCH_PASSWORD,
                              SWITCH_SECRET])
        try:
            info = json.loads(self._child.wait_for(r"^\{.*\}$").group(0))
        except Exception:
            self._child.stop()
            raise
        self.addresses = info["switches"]
        self._state_url = info["state"]

    def state(self):
        with urllib.request.urlopen(self._state_url, timeout=10) as answer:
            return json.load(answer)

    def port(self, switch, name):
        return self.state()[switch]["ports"].get(name, {})

    def vlans(self, switch):
        return {v["id"] for v in self.state()[switch]["vlans"]}

    def commands(self):
        return sum(s["commands"] for s in self.state().values())

    def stop(self):
        self._child.stop()


class NgsServe(object):
    """``ngs serve`` on a free loopback port with http_basic auth."""

    def __init__(self, sections, tls=False):
        self.dir = tempfile.mkdtemp(prefix="networking-ngs-")
        self.ca_file = None
        listener = ""
        if tls:
            self.ca_file, cert, key = make_ca(self.dir)
            listener = ("use_ssl = true\ncert_file = %s\nkey_file = %s\n"
                        % (cert, key))
        htpasswd = os.path.join(self.dir, "htpasswd")
        subprocess.run(["htpasswd", "-c", "-B", "-b", htpasswd, API_USER,
                        API_PASSWORD], check=True, capture_output=True)
        self.config = os.path.join(self.dir, "ngs.ini")
        with open(self.config, "w") as f:
            f.write("\n".join(sections))
            f.write("\n[ironic_networking_json_rpc]\nhost_ip = 127.0.0.1\n"
                    "port = 0\nauth_strategy = http_basic\n"
                    "http_basic_auth_user_file = %s\n" % htpasswd)
            f.write(listener)
        env = dict(os.environ, NGS_CONFIG_FILE="", NGS_CONFIG_DIR="",
                   NGS_LOG_LEVEL="info")
        self._child = _Child([_node(), NGS_BIN, "serve", "--config-file",
                              self.config], stream="stderr", env=env)
        try:
            self.url = self._child.wait_for(
                r'"msg":"ngs serve listening on (http[^"]+)"').group(1)
        except Exception:
            self.stop()
            raise

    def wait_for_log(self, pattern):
        """The first log line matching ``pattern`` (waited for: it follows
        the answer)."""
        return self._child.wait_for(pattern).string

    def stop(self):
        self._child.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def make_ca(directory):
    """A test CA and a certificate for 127.0.0.1 signed by it (openssl)."""
    def run(*args):
        subprocess.run(["openssl"] + list(args), cwd=directory, check=True,
                       capture_output=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
          "-nodes"]
    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days",
        "2", "-subj", "/CN=networking-ngs test CA")
    run("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj",
        "/CN=127.0.0.1")
    with open(os.path.join(directory, "san.ext"), "w") as f:
        f.write("subjectAltName = IP:127.0.0.1\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey",
        "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2",
        "-extfile", "san.ext")
    return tuple(os.path.join(directory, n)
                 for n in ("ca.pem", "server.pem", "server.key"))


def switch_section(name, device_type, address, *extra):
    lines = ["[genericswitch:%s]" % name, "device_type = %s" % device_type,
             "ip = %s" % address["host"], "port = %s" % address["port"],
             "username = admin", "password = %s" % SWITCH_PASSWORD,
             "secret = %s" % SWITCH_SECRET]
    return "\n".join(lines + list(extra)) + "\n"
