import type { LocalLinkInformation } from "../types.js";
import { VIF_TYPE_OTHER, VNIC_BAREMETAL, type NeutronPort } from "./neutron.js";

/** Only LACP bond modes plug the bond; others plug each link as a port. */
const LACP_MODES = new Set(["4", "802.3ad"]);

export function isPortSupported(port: NeutronPort | null | undefined): boolean {
  return port?.["binding:vnic_type"] === VNIC_BAREMETAL;
}

/** Supported and bound by NGS (vif_type `other`). */
export function isPortBound(port: NeutronPort | null | undefined): boolean {
  return isPortSupported(port) && port?.["binding:vif_type"] === VIF_TYPE_OTHER;
}

export function isLacp(port: NeutronPort): boolean {
  const mode = port["binding:profile"]?.local_group_information?.bond_mode;
  return mode !== undefined && LACP_MODES.has(String(mode));
}

export function linksOf(port: NeutronPort | null | undefined): LocalLinkInformation[] {
  return port?.["binding:profile"]?.local_link_information ?? [];
}

