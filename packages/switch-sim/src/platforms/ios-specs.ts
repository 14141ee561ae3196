import type { Dialect } from "../dialect.js";
import { caret, iosFamily, type IosSpec } from "./ios-family.js";

const IOS_CONFIG_BANNER = "Enter configuration commands, one per line.  End with CNTL/Z.";
const CONF_T = /^conf(i(g(u(r(e)?)?)?)?)?( t(e(r(m(i(n(a(l)?)?)?)?)?)?)?)?$/;
const TERMINAL: [RegExp, string][] = [
  [/^terminal (length|width|len|datadump|no length|monitor)\b.*$/i, ""],
  [/^screen-length\b.*$/i, ""],
];
const iosInvalid = (p: string, l: string, w: number) => caret(p, l, w, "% Invalid input detected at '^' marker.");
const ciscoLabel = (sub: Parameters<IosSpec["label"]>[0]): string => {
  if (!sub) return "config";
  switch (sub.kind) {
    case "if":
      return "config-if";
    case "vlan":
    case "vlandb":
      return "config-vlan";
    case "ifvlan":
      return "config-if";
    case "other":
      return sub.label;
  }
};

/** What most IOS-like models share (and a derived IOS-like dialect starts from). */
export const iosBase = {
  startEnabled: false,
  paging: TERMINAL,
  configEnter: CONF_T,
  configBanner: IOS_CONFIG_BANNER,
  enableDenied: "% Access denied",
  showInConfig: false,
  label: ciscoLabel,
  invalid: iosInvalid,
};

const specs: IosSpec[] = [
  {
    ...iosBase,
    platform: "cisco_ios",
    defaultHostname: "sw1",
    banner: "\nUser Access Verification (simulated Cisco IOS)\n",
    save: { commands: /^(wr(i(te?)?)?( mem(o(ry?)?)?)?|copy run(ning-config)? start(up-config)?)$/, level: "enable", output: "Building configuration...\n[OK]" },
    enableDenied: "% Bad secrets",
    syntax: { vlanCommand: true, interfaceVlan: false, createsAccessVlan: true },
  },
  {
    ...iosBase,
    platform: "cisco_nxos",
    defaultHostname: "sw1",
    startEnabled: true,
    banner: "Cisco Nexus Operating System (NX-OS) Software (simulated)\n",
    configBanner: "Enter configuration commands, one per line. End with CNTL/Z.",
    save: { commands: /^(copy r(unning-config)? s(tartup-config)?|wr(ite)?( mem(ory)?)?)$/, level: "enable", output: "[########################################] 100%\nCopy complete." },
    invalid: (p, l, w) => caret(p, l, w, "% Invalid command at '^' marker."),
    enableDenied: "% Permission denied",
    showInConfig: true,
    syntax: { vlanCommand: true, interfaceVlan: false },
  },
  {
    ...iosBase,
    platform: "cisco_s300",
    defaultHostname: "switch",
    startEnabled: true,
    banner: "",
    save: {
      commands: /^(wr(ite)?( mem(ory)?)?|copy running-config startup-config)$/,
      level: "enable",
      confirm: { question: "Overwrite file [startup-config].... (Y/N)[N] ?", yes: /^y/i, aborted: "Copy operation aborted." },
      output:
        "01-Jan-2000 01:00:00 %COPY-I-FILECPY: Files Copy - source URL running-config destination URL flash://system/configuration/startup-config\n01-Jan-2000 01:00:02 %COPY-N-TRAP: The copy operation was completed successfully\nCopy succeeded",
    },
    invalid: () => "% Unrecognized command",
    syntax: { vlanCommand: true, interfaceVlan: false },
  },
  {
    ...iosBase,
    platform: "arista_eos",
    defaultHostname: "sw1",
    banner: "Arista EOS (simulated)\n",
    paging: [
      [/^terminal width \d+$/i, "Width set to 511 columns."],
      [/^terminal length 0$/i, "Pagination disabled."],
      [/^terminal (length|width)\b.*$/i, ""],
    ],
    label: (sub) => {
      if (sub?.kind === "if") return `config-if-${sub.port.replace(/^Ethernet/i, "Et").replace(/^Port-Channel/i, "Po")}`;
      if (sub?.kind === "vlan") return `config-vlan-${sub.id}`;
      return ciscoLabel(sub);
    },
    save: { commands: /^(copy run(ning-config)? start(up-config)?|wr(ite)?( mem(ory)?)?)$/, level: "enable", output: "Copy completed successfully." },
    invalid: () => "% Invalid input",
    showInConfig: true,
    syntax: { vlanCommand: true, interfaceVlan: false },
  },
  {
    ...iosBase,
    platform: "dell_os10",
    defaultHostname: "OS10",
    startEnabled: true,
    banner: "Dell SmartFabric OS10 Enterprise (simulated)\n",
    label: (sub) => {
      if (!sub) return "config";
      if (sub.kind === "if") return `conf-if-${sub.port.toLowerCase().replace(/^ethernet\s*/, "eth").replace(/^port-channel\s*/, "po-")}`;
      if (sub.kind === "ifvlan" || sub.kind === "vlan") return `conf-if-vl-${sub.id}`;
      return sub.kind === "other" ? sub.label.replace(/^config/, "conf") : "conf";
    },
    save: { commands: /^(copy running-configuration startup-configuration|write memory)$/, level: "enable", output: "" },
    invalid: () => "% Error: Unrecognized command.",
    showInConfig: true,
    syntax: { vlanCommand: false, interfaceVlan: true, additiveAllowed: true },
  },
  {
    ...iosBase,
    platform: "dell_force10",
    defaultHostname: "Dell",
    banner: "Dell Networking OS (simulated)\n",
    label: (sub) => {
      if (!sub) return "conf";
      if (sub.kind === "if") return `conf-if-${sub.port.toLowerCase().replace(/^tengigabitethernet\s*/, "te-").replace(/\s+/g, "-")}`;
      if (sub.kind === "ifvlan" || sub.kind === "vlan") return `conf-if-vl-${sub.id}`;
      return sub.kind === "other" ? sub.label.replace(/^config/, "conf") : "conf";
    },
    save: { commands: /^(wr(ite)?( mem(ory)?)?|copy running-config startup-config)$/, level: "enable", output: "!\n%FILEMGR-5-FILESAVED: Copied running-config to startup-config in flash by default" },
    invalid: (p, l, w) => caret(p, l, w, '% Error: Invalid input at "^" marker.'),
    loginQuestion: { question: "This system is for authorized use only. Do you accept the terms? [y/n]:", proceed: /^y/i },
    syntax: { vlanCommand: false, interfaceVlan: true, ftos: true },
  },
  {
    ...iosBase,
    platform: "dell_powerconnect",
    defaultHostname: "console",
    banner: "",
    configEnter: /^conf(ig(ure)?)?( t(erminal)?)?$/,
    configBanner: "",
    label: (sub) => (sub?.kind === "if" ? `config-if-${sub.port}` : ciscoLabel(sub)),
    inbandLogin: true,
    save: { commands: /^(copy running-config startup-config|wr(ite)?( mem(ory)?)?)$/, level: "enable", output: "Copy succeeded" },
    syntax: { vlanCommand: false, interfaceVlan: false, vlanDatabase: true },
  },
  {
    ...iosBase,
    platform: "brocade_fastiron",
    defaultHostname: "ICX7250",
    banner: "",
    prompt: (h, level, label) => (level === "user" ? `SSH@${h}>` : level === "enable" ? `SSH@${h}#` : `SSH@${h}(${label})#`),
    paging: [[/^skip-page-display$/i, "Disable page display mode"], ...TERMINAL],
    label: (sub) => {
      if (sub?.kind === "vlan") return `config-vlan-${sub.id}`;
      if (sub?.kind === "if") return `config-if-e1000-${sub.port.replace(/^(ethernet|ether|e)\s+/i, "")}`;
      return ciscoLabel(sub);
    },
    save: { commands: /^wr(ite)? mem(ory)?$/, level: "enable", output: "Write startup-config done." },
    invalid: (_p, l) => `Invalid input -> ${l}\nType ? for a list`,
    enableDenied: "Error - Incorrect username or password.",
    showInConfig: true,
    syntax: { vlanCommand: true, interfaceVlan: false, brocade: true },
  },
  {
    ...iosBase,
    platform: "mellanox_mlnxos",
    defaultHostname: "switch-1",
    banner: "Mellanox MLNX-OS Switch Management (simulated)\n",
    prompt: (h, level, label) => `${h} [standalone: master] ${level === "user" ? ">" : level === "enable" ? "#" : `(${label}) #`} `,
    paging: [[/^no cli session paging enable$/i, ""], ...TERMINAL],
    // `configure terminal` and netmiko's `config term` (and shorter forms).
    configEnter: /^conf(ig(ure)?)?( t(erm(inal)?)?)?$/,
    configBanner: "",
    label: (sub) => {
      if (sub?.kind === "if") return `config interface ethernet ${sub.port}`;
      if (sub?.kind === "vlan") return `config vlan ${sub.id}`;
      return sub?.kind === "other" ? sub.label : "config";
    },
    save: { commands: /^(configuration write|write memory)$/, level: "config", output: "" },
    invalid: (_p, l) => `% Unrecognized command "${l.split(/\s+/)[0]}".\nType "?" for help.`,
    enableNoPassword: true,
    syntax: { vlanCommand: true, interfaceVlan: false, ethernetPrefix: true },
  },
  {
    ...iosBase,
    platform: "supermicro_smis",
    defaultHostname: "SMIS",
    startEnabled: true,
    banner: "",
    paging: [[/^set cli pagination off$/i, ""], ...TERMINAL],
    save: { commands: /^write startup-config$/, level: "enable", output: "Building configuration, Please wait. May take a few minutes ...\n[OK]" },
    invalid: () => "% Invalid Command",
    syntax: { vlanCommand: true, interfaceVlan: false },
  },
  {
    ...iosBase,
    platform: "aruba_aoscx",
    defaultHostname: "sw1",
    startEnabled: true,
    banner: "",
    paging: [[/^no page$/i, ""], ...TERMINAL],
    label: (sub) => (sub?.kind === "vlan" ? `config-vlan-${sub.id}` : ciscoLabel(sub)),
    save: { commands: /^(copy running-config startup-config|write memory)$/, level: "enable", output: "Copying configuration: [Success]" },
    invalid: (_p, l) => `Invalid input: ${l.split(/\s+/)[0]}`,
    showInConfig: true,
    syntax: { vlanCommand: true, interfaceVlan: false, aruba: true },
  },
  {
    ...iosBase,
    platform: "ruijie_os",
    defaultHostname: "Ruijie",
    banner: "",
    loginQuestion: { question: "Do you want to change the password? [Y/N]:", proceed: /^[yn]/i },
    label: (sub) => {
      if (sub?.kind === "if") return `config-if-${sub.port}`;
      return ciscoLabel(sub);
    },
    save: { commands: /^(wr(ite)?( mem(ory)?)?|copy running-config startup-config)$/, level: "enable", output: "Building configuration...\n[OK]" },
    syntax: { vlanCommand: true, interfaceVlan: false },
  },
];

export const iosDialects: Dialect[] = specs.map(iosFamily);
