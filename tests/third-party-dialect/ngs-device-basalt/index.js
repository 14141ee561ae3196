// The BasaltOS device class: its dialect (platforms.js) and its command templates, side by side.
import { CliSwitch } from "@ngs/core/device-kit";
import { basaltOs } from "./platforms.js";

export default class BasaltSwitch extends CliSwitch {
  static platform = basaltOs;
  /** Stay in the candidate for the commit (`activate`), which always follows a change. */
  static configMode = { enable: false, exit: false };
  static applyMode = { kind: "commit" };

  static commands = {
    ADD_NETWORK: ["set vlans {network_name} vlan-id {segmentation_id}"],
    DELETE_NETWORK: ["delete vlans {network_name}"],
    PLUG_PORT_TO_NETWORK: [
      "delete interfaces {port} unit 0 family ethernet-switching vlan members",
      "set interfaces {port} unit 0 family ethernet-switching vlan members {segmentation_id}",
    ],
    DELETE_PORT: ["delete interfaces {port} unit 0 family ethernet-switching vlan members"],
  };
}
