// The QuartzOS device class: its dialect (platforms.js) and its command templates, side by side.
import { CliSwitch } from "@ngs/core/device-kit";
import { quartzOs } from "./platforms.js";

export default class QuartzSwitch extends CliSwitch {
  static platform = quartzOs;

  static commands = {
    ADD_NETWORK: ["vlan {segmentation_id}", "name quartz-{segmentation_id}"],
    DELETE_NETWORK: ["no vlan {segmentation_id}"],
    PLUG_PORT_TO_NETWORK: ["interface {port}", "switchport mode access", "switchport access vlan {segmentation_id}"],
    DELETE_PORT: ["interface {port}", "no switchport access vlan {segmentation_id}", "no switchport mode trunk", "switchport trunk allowed vlan none"],
  };
}
