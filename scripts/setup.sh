#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu machine for ngs: pnpm at the pinned version and
# the workspace. With --services also the system services the tests drive for
# real (etcd, OpenSSH sshd, Open vSwitch, netconfd, htpasswd, Debian's python3-neutron-lib), installed with apt-get (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."

services=0
for arg in "$@"; do
  case "$arg" in
    --services) services=1 ;;
    -h|--help) echo "usage: scripts/setup.sh [--services]"; exit 0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

if [ "$services" = 1 ]; then
  need=()
  command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
  [ -x /usr/sbin/sshd ] || need+=(openssh-server)
  command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
  command -v ovs-vsctl >/dev/null 2>&1 || need+=(openvswitch-switch)
  # A real NETCONF server (yuma123) for @ngs/netconf's interoperability tests.
  [ -x /usr/sbin/netconfd ] || need+=(netconfd)
  command -v sudo >/dev/null 2>&1 || need+=(sudo)
  command -v curl >/dev/null 2>&1 || need+=(curl)
  command -v openssl >/dev/null 2>&1 || need+=(openssl)
  command -v useradd >/dev/null 2>&1 || need+=(passwd)
  command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
  command -v script >/dev/null 2>&1 || need+=(bsdutils)
  # The Neutron driver's tests run on Debian's Python with Debian's neutron-lib (no PyPI).
  /usr/bin/python3 -c 'import neutron_lib, oslo_config, oslo_log' >/dev/null 2>&1 || need+=(python3-neutron-lib)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then echo "setup.sh: installing ${need[*]} needs root" >&2; exit 1; fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  # Debian's policy-rc.d keeps apt from starting services; the tests start their own.
  mkdir -p /run/sshd 2>/dev/null || true
fi

want=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  npm i -g "pnpm@$want" >/dev/null 2>&1
fi
export TURBO_TELEMETRY_DISABLED=1
# ssh2 builds its optional native crypto binding at install (markedly less CPU
# per SSH packet). node-gyp would download Node's headers; use the local ones
# when the machine has them (there is no nodejs.org here). If the build fails,
# ssh2 falls back to Node's crypto and everything still works.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_version.h ]; then
  export npm_config_nodedir=/usr
fi
pnpm install --frozen-lockfile
