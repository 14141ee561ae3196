/**
 * JSON schemas of the ML2 hooks over HTTP (`POST /v1/ml2/<hook>`): the
 * Neutron-shaped bodies a forwarding mechanism driver sends, and the
 * effects ngs answers with. Only what the driver reads is described;
 * Neutron's other keys pass through untouched (ports and networks carry
 * many more).
 */

const nullable = <T extends Record<string, unknown>>(schema: T) => ({ ...schema, nullable: true });
// anyOf rather than a type list: OpenAPI 3.0 (what /openapi.json declares) has no type lists.
const intOrString = [{ type: "integer" }, { type: "string" }];
const segmentationId = { anyOf: intOrString, description: "VLAN id (or VNI on a VXLAN top segment)" };

const link = {
  type: "object",
  required: ["port_id"],
  properties: {
    switch_info: { type: "string", description: "the switch's [genericswitch:NAME] section name" },
    switch_id: { type: "string", description: "the switch's MAC address (matched against ngs_mac_address)" },
    port_id: { type: "string", minLength: 1, description: "the switch port (or bond) name" },
  },
} as const;

const subport = {
  type: "object",
  required: ["segmentation_id"],
  properties: {
    port_id: { type: "string" },
    segmentation_id: segmentationId,
    segmentation_type: { type: "string" },
    mac_address: { type: "string" },
  },
} as const;

const trunkDetails = nullable({
  type: "object",
  required: ["sub_ports"],
  properties: {
    trunk_id: { type: "string" },
    segmentation_id: segmentationId,
    sub_ports: { type: "array", items: subport },
  },
});

export const PORT_SCHEMA = {
  type: "object",
  description: "A Neutron port dict (PortContext.current)",
  required: ["id"],
  properties: {
    id: { type: "string", minLength: 1 },
    status: { type: "string" },
    network_id: { type: "string" },
    "binding:vnic_type": { type: "string" },
    "binding:vif_type": { type: "string" },
    "binding:host_id": { type: "string" },
    "binding:profile": nullable({
      type: "object",
      properties: {
        local_link_information: { type: "array", items: link },
        local_group_information: nullable({ type: "object", properties: { bond_mode: { anyOf: intOrString } } }),
        vni: segmentationId,
        physical_network: { type: "string" },
        segment_id: { type: "string" },
      },
    }),
    fixed_ips: {
      type: "array",
      items: { type: "object", properties: { subnet_id: { type: "string" }, ip_address: { type: "string" } } },
    },
    trunk_details: trunkDetails,
  },
} as const;

export const SEGMENT_SCHEMA = {
  type: "object",
  description: "A network segment (neutron_lib.plugins.ml2.api: id, network_type, segmentation_id, physical_network)",
  required: ["id", "network_type"],
  properties: {
    id: { type: "string", minLength: 1 },
    network_type: { type: "string" },
    segmentation_id: { anyOf: [...intOrString, { type: "null" }], description: segmentationId.description },
    physical_network: nullable({ type: "string" }),
    network_id: { type: "string" },
  },
} as const;

const SUBNET_SCHEMA = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string" }, network_id: { type: "string" }, segment_id: nullable({ type: "string" }), cidr: { type: "string" } },
} as const;

const NETWORK_SCHEMA = {
  type: "object",
  description: "A Neutron network dict (NetworkContext.current)",
  required: ["id"],
  properties: {
    id: { type: "string", minLength: 1 },
    name: { type: "string" },
    "provider:network_type": nullable({ type: "string" }),
    "provider:segmentation_id": { anyOf: [...intOrString, { type: "null" }] },
    "provider:physical_network": nullable({ type: "string" }),
  },
} as const;

const nullableSegment = nullable(SEGMENT_SCHEMA);
const nullablePort = nullable(PORT_SCHEMA);

const networkBody = {
  type: "object",
  required: ["network"],
  properties: {
    network: NETWORK_SCHEMA,
    original: nullable(NETWORK_SCHEMA),
    physnet_vlans: {
      type: "object",
      description:
        "Every VLAN segment id per physical network, as Neutron's DB holds them after this change (upstream's physnet_vlans query). Given, switches whose device type converges trunk VLANs (netconf_openconfig) write their trunk ports with exactly these VLANs; absent, they add or remove the one VLAN.",
      additionalProperties: { type: "array", items: { type: "integer", minimum: 1, maximum: 4094 } },
    },
  },
} as const;

const subportsBody = {
  type: "object",
  required: ["parent", "subports"],
  properties: {
    parent: { ...PORT_SCHEMA, description: "The trunk's parent port (with binding:profile and trunk_details)" },
    subports: { type: "array", minItems: 1, items: subport },
    ports: { type: "array", items: PORT_SCHEMA, description: "The subports' own ports, where known (their status decides whether they are marked ACTIVE)" },
  },
} as const;

/** One body schema per hook; the hook names are the ML2 / trunk driver method names. */
export const HOOK_BODIES = {
  bind_port: {
    type: "object",
    required: ["port", "segments_to_bind"],
    properties: {
      port: PORT_SCHEMA,
      segments_to_bind: { type: "array", items: SEGMENT_SCHEMA },
      subnets: { type: "array", items: SUBNET_SCHEMA, description: "The subnets of the port's fixed_ips (what the driver would ask Neutron for)" },
    },
  },
  update_port_postcommit: {
    type: "object",
    required: ["port"],
    properties: {
      port: PORT_SCHEMA,
      original: nullablePort,
      bottom_bound_segment: nullableSegment,
      top_bound_segment: nullableSegment,
      original_bottom_bound_segment: nullableSegment,
      original_top_bound_segment: nullableSegment,
    },
  },
  delete_port_postcommit: {
    type: "object",
    required: ["port"],
    properties: { port: PORT_SCHEMA, bottom_bound_segment: nullableSegment, top_bound_segment: nullableSegment },
  },
  create_network_postcommit: networkBody,
  update_network_postcommit: networkBody,
  delete_network_postcommit: networkBody,
  subports_added: subportsBody,
  subports_deleted: subportsBody,
} as const;

export type Ml2Hook = keyof typeof HOOK_BODIES;
export const ML2_HOOKS = Object.keys(HOOK_BODIES) as Ml2Hook[];

const portEntity = {
  type: "object",
  required: ["port_id", "entity"],
  properties: { port_id: { type: "string" }, entity: { type: "string" } },
} as const;

/** What the host must apply, in this order: binding, provisioning components, status updates, provisioning completions. */
export const EFFECTS_SCHEMA = {
  type: "object",
  description: "Every effect the Neutron host must apply",
  required: ["hook", "binding", "provisioning_components", "port_status", "provisioning_complete"],
  properties: {
    hook: { type: "string" },
    binding: nullable({
      type: "object",
      description: "PortContext.set_binding(segment_id, vif_type, vif_details, status); null: not bound by ngs",
      required: ["segment_id", "vif_type", "vif_details", "status"],
      properties: {
        segment_id: { type: "string" },
        vif_type: { type: "string" },
        vif_details: { type: "object", additionalProperties: true },
        status: nullable({ type: "string" }),
      },
    }),
    provisioning_components: { type: "array", items: portEntity, description: "provisioning_blocks.add_provisioning_component" },
    port_status: {
      type: "array",
      description: "plugin.update_port_status",
      items: { type: "object", required: ["port_id", "status"], properties: { port_id: { type: "string" }, status: { type: "string" } } },
    },
    provisioning_complete: { type: "array", items: portEntity, description: "provisioning_blocks.provisioning_complete" },
  },
} as const;

export const ML2_ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["class", "message"],
      properties: {
        class: { type: "string", description: "The GenericSwitch* exception class (GenericSwitchInvalidValue for a body that fails its schema)" },
        message: { type: "string" },
      },
    },
  },
} as const;
