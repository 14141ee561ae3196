"""Small doubles of what neutron-server hands a mechanism driver.

PortContext and NetworkContext implement neutron_lib's abstract API; the
core plugin and the provisioning-blocks module record what the driver
applies, as Neutron's would do it.
"""

import copy

from neutron_lib.api.definitions import portbindings
from neutron_lib import context as n_context
from neutron_lib import exceptions as n_exc
from neutron_lib.plugins.ml2 import api


class FakeCorePlugin(object):
    """Ports and subnets in dicts; ``update_port_status`` updates the port."""

    def __init__(self):
        self.ports = {}
        self.subnets = {}
        self.status_updates = []

    def get_subnet(self, context, subnet_id):
        try:
            return copy.deepcopy(self.subnets[subnet_id])
        except KeyError:
            raise n_exc.SubnetNotFound(subnet_id=subnet_id)

    def get_port(self, context, port_id):
        try:
            return copy.deepcopy(self.ports[port_id])
        except KeyError:
            raise n_exc.PortNotFound(port_id=port_id)

    def update_port_status(self, context, port_id, status):
        self.status_updates.append((port_id, status))
        if port_id in self.ports:
            self.ports[port_id]["status"] = status


class FakeProvisioningBlocks(object):
    """``neutron.db.provisioning_blocks``: what was added and completed."""

    def __init__(self):
        self.added = []
        self.completed = []

    def add_provisioning_component(self, context, object_id, object_type,
                                   entity):
        self.added.append((object_id, object_type, entity))

    def provisioning_complete(self, context, object_id, object_type, entity):
        self.completed.append((object_id, object_type, entity))


class NetworkContext(api.NetworkContext):
    def __init__(self, network, original=None, segments=()):
        self._network = network
        self._original = original
        self._segments = list(segments)
        self._plugin_context = n_context.get_admin_context()

    @property
    def current(self):
        return self._network

    @property
    def original(self):
        return self._original

    @property
    def network_segments(self):
        return self._segments


class PortContext(api.PortContext):
    """A port, its bound segment (if any) and set_binding as ML2 records it."""

    def __init__(self, port, original=None, segments_to_bind=(),
                 bound_segment=None, original_bound_segment=None):
        self._port = port
        self._original = original
        self._segments_to_bind = list(segments_to_bind)
        self._bound = bound_segment
        self._original_bound = original_bound_segment
        self._plugin_context = n_context.get_admin_context()
        self.binding = None

    @property
    def current(self):
        return self._port

    @property
    def original(self):
        return self._original

    @property
    def status(self):
        return self._port.get("status")

    @property
    def original_status(self):
        return (self._original or {}).get("status")

    @property
    def network(self):
        return None

    @property
    def binding_levels(self):
        return [{api.BOUND_SEGMENT: self._bound}] if self._bound else None

    @property
    def original_binding_levels(self):
        if not self._original_bound:
            return None
        return [{api.BOUND_SEGMENT: self._original_bound}]

    @property
    def top_bound_segment(self):
        return self._bound

    @property
    def original_top_bound_segment(self):
        return self._original_bound

    @property
    def bottom_bound_segment(self):
        return self._bound

    @property
    def original_bottom_bound_segment(self):
        return self._original_bound

    @property
    def host(self):
        return self._port.get(portbindings.HOST_ID)

    @property
    def original_host(self):
        return (self._original or {}).get(portbindings.HOST_ID)

    @property
    def vif_type(self):
        return self._port.get(portbindings.VIF_TYPE)

    @property
    def original_vif_type(self):
        return (self._original or {}).get(portbindings.VIF_TYPE)

    @property
    def vif_details(self):
        return self._port.get(portbindings.VIF_DETAILS)

    @property
    def original_vif_details(self):
        return (self._original or {}).get(portbindings.VIF_DETAILS)

    @property
    def segments_to_bind(self):
        return self._segments_to_bind

    def host_agents(self, agent_type):
        return []

    def set_binding(self, segment_id, vif_type, vif_details, status=None):
        self.binding = (segment_id, vif_type, vif_details, status)

    def continue_binding(self, segment_id, next_segments_to_bind):
        raise NotImplementedError

    def allocate_dynamic_segment(self, segment):
        raise NotImplementedError

    def release_dynamic_segment(self, segment_id):
        raise NotImplementedError
