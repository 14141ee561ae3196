"""Trunk subport events → ngs's ``subports_added`` / ``subports_deleted``."""

from neutron_lib.api.definitions import portbindings
from neutron_lib.callbacks import events
from neutron_lib.callbacks import registry
from neutron_lib.callbacks import resources
from neutron_lib import exceptions as n_exc
from neutron_lib.plugins import directory
from oslo_log import log as logging

LOG = logging.getLogger(__name__)


def _subport(subport):
    """A SubPort object (or dict) as the plain dict ngs takes."""
    get = subport.get if isinstance(subport, dict) else (
        lambda key: getattr(subport, key, None))
    out = {"port_id": get("port_id"),
           "segmentation_id": get("segmentation_id"),
           "segmentation_type": get("segmentation_type")}
    return {k: v for k, v in out.items() if v is not None}


class NgsTrunkHandler(object):
    """Forwards subport changes of trunks whose parent is a bare-metal port."""

    def __init__(self, mech_driver):
        self.mech_driver = mech_driver

    def subscribe(self):
        registry.subscribe(self.subports_added, resources.SUBPORTS,
                           events.AFTER_CREATE)
        registry.subscribe(self.subports_deleted, resources.SUBPORTS,
                           events.AFTER_DELETE)

    def subports_added(self, resource, event, trigger, payload):
        self._forward("subports_added", payload)

    def subports_deleted(self, resource, event, trigger, payload):
        self._forward("subports_deleted", payload)

    def _forward(self, hook, payload):
        trunk = payload.states[0]
        subports = [_subport(s) for s in payload.metadata["subports"]]
        context = payload.context
        plugin = directory.get_plugin()
        # After the trunk plugin's transaction (AFTER_* events), so reading
        # the ports here does not hold a DB transaction across the HTTP call.
        parent = plugin.get_port(context, trunk.port_id)
        if parent.get(portbindings.VNIC_TYPE) != portbindings.VNIC_BAREMETAL:
            return
        ports = []
        for subport in subports:
            try:
                ports.append(plugin.get_port(context, subport["port_id"]))
            except (KeyError, n_exc.PortNotFound):
                continue
        LOG.debug("ngs %(hook)s: %(subports)s on trunk %(trunk)s",
                  {"hook": hook, "subports": subports,
                   "trunk": getattr(trunk, "id", None)})
        self.mech_driver.subports_changed(hook, context, parent, subports,
                                          ports)
