/** Help text for `ngs` and each of its commands (`ngs help CMD`, `ngs CMD --help`). */

export const GLOBAL_OPTIONS = `Global options:
  --config-file FILE   an ini file (repeatable; default: $NGS_CONFIG_FILE, ':'-separated)
  --config-dir DIR     every *.conf in DIR, sorted (repeatable; default: $NGS_CONFIG_DIR)
  --plugin-dir DIR     an npm prefix with extra ngs-device-* packages (repeatable;
                       must exist; also [ngs] plugin_dir in the config)
  --log-level LEVEL    trace|debug|info|warn|error|fatal|silent (default: info,
                       warn for demo; or $NGS_LOG_LEVEL). Logs are JSON on
                       stderr, pretty on a TTY (no colour with NO_COLOR).
                       debug shows each command sent and the answer.
  -h, --help           show help
  --version            print the version of ngs`;

export const MAIN_HELP = `ngs — put bare-metal switch ports into tenant VLANs (networking-generic-switch)

Usage: ngs [global options] COMMAND [args]

Commands:
  demo                      run a tenant lifecycle on three simulated switches
  plugins list|check        list device plugins (manifests) or import each one
  switches                  list configured switches (never secrets)
  check [SWITCH...]         log in, enter enable and config mode, log out
  config check              report every problem of every config file at once
  network add|delete        add or delete a VLAN on a switch (or --all)
  port plug|unplug          put a port into a VLAN or take it out
  trunk add|remove          add or remove VLANs on a trunk port
  sim                       serve a simulated switch for each config section
  serve                     run the service: Ironic's JSON-RPC API, Neutron's ML2 hooks
  help [COMMAND]            show help for a command

Exit codes: 0 ok, 1 an operation failed, 2 usage or configuration error.

${GLOBAL_OPTIONS}

Start with:  ngs demo`;

export const COMMAND_HELP: Readonly<Record<string, string>> = {
  demo: `Usage: ngs demo

Starts four simulated switches on 127.0.0.1 (Cisco IOS, Arista EOS, Junos
over SSH CLI; an OpenConfig switch over NETCONF), writes a temporary config
for them, and drives a tenant lifecycle through the ML2 mechanism driver
(GenericSwitchDriver): create VLAN networks, bind and plug three bare-metal
ports, an 802.3ad bond and a trunk port with subports, unbind, delete.
Prints each step and a table of every switch port's VLAN state before and
after. Needs no config; touches nothing but loopback. Needs @ngs/switch-sim,
@ngs/device-cisco, @ngs/device-arista, @ngs/device-juniper and
@ngs/device-openconfig installed beside ngs (or in a --plugin-dir); if any is missing, exits 2 and
prints the npm install line that adds them.`,

  plugins: `Usage: ngs plugins list [--json]
       ngs plugins check [--json]

list   reads the ngs manifests of the packages installed beside ngs (and in
       any --plugin-dir) without running plugin code: device type, package,
       version.
check  imports every declared device type and checks its shape; exits 1 if
       any fails, naming the entry point and the cause.`,

  switches: `Usage: ngs switches [--json] --config-file FILE

Lists the configured switches ([genericswitch:NAME] sections): name, device
type, host, port and physical networks. Never prints credentials.`,

  check: `Usage: ngs check [SWITCH...] [--json] --config-file FILE

For each switch (default: all): log in over SSH, enter enable mode and
config mode, leave, log out. Prints "NAME: ok (host key SHA256:...)" (the
fingerprint to pin as ngs_host_key_fingerprint), or one error line on stderr
per failed switch; exits 1 if any switch failed.
--json      one JSON document with every switch's result`,

  config: `Usage: ngs config check [--json] --config-file FILE

Reads every --config-file and --config-dir as the other commands do and
reports every problem of every file at once, each as
"error: FILE: [SECTION] KEY: message (line N)" or "warning: …": unknown
device types (with the closest installed one), unknown keys (with a "did you
mean"), a section replaced by a later file, a missing address, username or
credential, values that cannot work (a bad port, ip, VLAN, port name, VLAN
name format, vendor option), and values holding " #" or " ;", which
oslo.config keeps as part of the value. Connects to nothing; never prints a
credential.
--json   one JSON document: {"ok", "files", "switches", "errors", "warnings",
         "issues": [{"severity", "file", "section", "key", "line", "message"}]}
Exit codes: 0 no errors (warnings allowed), 2 at least one error.`,

  network: `Usage: ngs network add|delete SWITCH VLAN NETWORK_ID [--dry-run] [--json]
       ngs network add|delete --all VLAN NETWORK_ID [--dry-run] [--json]

Adds (or deletes) VLAN on SWITCH, named after NETWORK_ID (a UUID) with the
switch's ngs_network_name_format, tagging ngs_trunk_ports as configured.
With ngs_manage_vlans = false nothing is sent: "skipped (ngs_manage_vlans = false)".
--all         every configured switch
--dry-run     print what would be sent as JSON (one object per switch, one
              per line: queries, commands, save) and connect to nothing
--json        one JSON document with every switch's result`,

  port: `Usage: ngs port plug|unplug SWITCH PORT VLAN [--bond] [--subport VLAN]...
                                             [--default-vlan VLAN] [--dry-run] [--json]

plug    puts PORT into VLAN (access), or with --subport makes it a trunk
        with native VLAN and the subport VLANs tagged.
unplug  removes PORT from VLAN (and the subport VLANs), restoring the default
        VLAN if one is set.
--bond              PORT is a bond / port-channel (802.3ad)
--subport VLAN      a trunk subport VLAN (repeatable, each once); a device
                    type without trunk support refuses it (exit 1)
--default-vlan VLAN the port's default VLAN (overrides ngs_port_default_vlan)
--dry-run           print what would be sent as JSON and connect to nothing
--json              one JSON document with the result
A port or VLAN outside ngs_allowed_ports / ngs_allowed_vlans is refused (exit 2).`,

  trunk: `Usage: ngs trunk add|remove SWITCH PORT VLAN... [--bond] [--dry-run] [--json]

Adds (or removes) the VLANs as tagged subport VLANs on trunk PORT. A device
type that cannot (it would send nothing) refuses with exit 1.
--bond      PORT is a bond / port-channel (802.3ad)
--dry-run   print what would be sent as JSON and connect to nothing
--json      one JSON document with the result`,

  sim: `Usage: ngs sim --config-file FILE

Serves a simulated switch for each [genericswitch:NAME] section, on the
section's ip (or host) and port, accepting its username/password (and the
public key next to key_file, as key_file.pub), with secret as the enable
password, speaking the CLI dialect of its device_type; a netconf_openconfig
section gets a NETCONF server with an OpenConfig model instead (port 830
unless set; its host key changes on every start, so give the section
hostkey_verify = false or pin what ngs check prints). Only loopback
addresses are allowed. Prints one "listening" line per switch and runs until
SIGINT or SIGTERM. Point ngs at the same file to drive the simulated switches.
Needs @ngs/switch-sim installed beside ngs (exit 2 with the npm install line
if it is not).`,

  serve: `Usage: ngs serve --config-file FILE [options]

Runs ngs as a service in place of Ironic's ironic-networking: Ironic's
networking JSON-RPC API 1.0 on POST / (update_port, reset_port, get_switches,
update_lag, delete_lag), Neutron's ML2 mechanism driver hooks on
POST /v1/ml2/<hook> (for the networking-ngs driver in neutron-server), plus
GET /healthz, /readyz, /metrics (Prometheus) and /openapi.json.
The listener comes from [ironic_networking_json_rpc] in the config (host_ip,
port = 6190, auth_strategy = http_basic | noauth, http_basic_auth_user_file,
use_ssl, cert_file, key_file); these options override it:

  --host-ip IP                       address to listen on (default ::)
  --port PORT                        TCP port (default 6190; 0 = any free port)
  --auth-strategy http_basic|noauth  noauth only on a loopback --host-ip
  --http-basic-auth-user-file FILE   htpasswd file with bcrypt entries (htpasswd -B)
  --use-ssl                          serve HTTPS (needs --cert-file and --key-file)
  --cert-file FILE, --key-file FILE  PEM certificate and key
  --shutdown-timeout SECONDS         how long SIGTERM waits for in-flight work (default 30)

SIGTERM/SIGINT: stop accepting, finish in-flight operations, release locks,
close sessions, exit 0 (a second signal exits at once). SIGHUP: re-read the
config; on any problem keep the old one and log every problem.`,

  help: `Usage: ngs help [COMMAND]

Shows help for COMMAND, or the list of commands.`,
};
