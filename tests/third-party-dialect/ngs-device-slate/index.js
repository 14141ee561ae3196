// The SlateOS device class: its dialect (platforms.js) and its command templates, side by side.
import { CliSwitch } from "@ngs/core/device-kit";
import { slateOs } from "./platforms.js";

export default class SlateSwitch extends CliSwitch {
  static platform = slateOs;

  static commands = {
    ADD_NETWORK: ["vlan batch {segmentation_id}"],
    DELETE_NETWORK: ["undo vlan batch {segmentation_id}"],
    PLUG_PORT_TO_NETWORK: ["interface {port}", "port link-type access", "port default vlan {segmentation_id}"],
    DELETE_PORT: ["interface {port}", "undo port default vlan {segmentation_id}"],
  };
}
