/** Nokia SR Linux templates (upstream `nokia.NokiaSRL`, docs/upstream.md#command-lists-per-device-type), verbatim. */
export const SRL_TEMPLATES = {
  ADD_NETWORK: [
    "set tunnel-interface vxlan0 vxlan-interface {segmentation_id} type bridged",
    "set tunnel-interface vxlan0 vxlan-interface {segmentation_id} ingress vni {segmentation_id}",
    "set tunnel-interface vxlan0 vxlan-interface {segmentation_id} egress source-ip use-system-ipv4-address",
    "set network-instance mac-vrf-{segmentation_id} type mac-vrf",
    "set network-instance mac-vrf-{segmentation_id} description OS-Network-ID-{network_name}",
    "set network-instance mac-vrf-{segmentation_id} vxlan-interface vxlan0.{segmentation_id}",
    "set network-instance mac-vrf-{segmentation_id} protocols bgp-evpn bgp-instance 1 vxlan-interface vxlan0.{segmentation_id}",
    "set network-instance mac-vrf-{segmentation_id} protocols bgp-evpn bgp-instance 1 evi {segmentation_id}",
    "set network-instance mac-vrf-{segmentation_id} protocols bgp-evpn bgp-instance 1 ecmp 8",
    "set network-instance mac-vrf-{segmentation_id} protocols bgp-vpn bgp-instance 1 route-target export-rt target:1:{segmentation_id}",
    "set network-instance mac-vrf-{segmentation_id} protocols bgp-vpn bgp-instance 1 route-target import-rt target:1:{segmentation_id}",
  ],
  DELETE_NETWORK: [
    "delete network-instance mac-vrf-{segmentation_id}",
    "delete tunnel-interface vxlan0 vxlan-interface {segmentation_id}",
  ],
  PLUG_PORT_TO_NETWORK: [
    "set interface {port} subinterface {segmentation_id} type bridged",
    "set network-instance mac-vrf-{segmentation_id} interface {port}.{segmentation_id}",
  ],
  DELETE_PORT: [
    "delete network-instance mac-vrf-{segmentation_id} interface {port}.{segmentation_id}",
    "delete interface {port} subinterface {segmentation_id}",
  ],
} as const;
