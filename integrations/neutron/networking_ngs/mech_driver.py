"""The ML2 mechanism driver ``ngs``: forwards each hook to ngs serve.

ngs owns the switches and all switch logic (it is networking-generic-switch's
``genericswitch`` driver, run as a service). This driver sends it the hook's
Neutron data plus what ngs would otherwise ask Neutron for (the subnets of
the port's fixed IPs, a trunk's parent port), then applies ngs's answer in
Neutron: the binding, provisioning blocks and port statuses.
"""

from neutron_lib.api.definitions import portbindings
from neutron_lib.callbacks import resources
from neutron_lib import constants as n_const
from neutron_lib import exceptions as n_exc
from neutron_lib.plugins import directory
from neutron_lib.plugins.ml2 import api
from oslo_config import cfg
from oslo_log import log as logging

from networking_ngs import client
from networking_ngs import config

LOG = logging.getLogger(__name__)

NGS_DRIVER_NAME = "ngs"


def _provisioning_blocks():
    # neutron-server's module (not part of neutron-lib): imported on use so
    # the driver imports wherever neutron-lib is installed.
    from neutron.db import provisioning_blocks
    return provisioning_blocks


def _network_segments():
    # neutron-server's NetworkSegment object (the DB API; neutron-lib has no
    # segment model): imported on use, as provisioning_blocks is.
    from neutron.objects import network as network_obj
    return network_obj.NetworkSegment


def _is_baremetal(port):
    # ngs only ever acts on bare-metal ports; skip the round trip for others.
    return bool(port) and (port.get(portbindings.VNIC_TYPE) ==
                           portbindings.VNIC_BAREMETAL)


def _plugin_context(context):
    return getattr(context, "plugin_context", None) or context._plugin_context


def _segment(segment):
    return dict(segment) if segment else None


class NgsMechanismDriver(api.MechanismDriver):
    """ML2 mechanism driver forwarding to ``ngs serve``."""

    def __init__(self, conf=None):
        super().__init__()
        self._conf = conf or cfg.CONF
        self.client = None
        self.trunk_driver = None

    def initialize(self):
        config.register_opts(self._conf)
        self.client = client.NgsClient.from_conf(self._conf.ngs_remote)
        self.trunk_driver = self._create_trunk_driver()
        LOG.info("ngs mechanism driver forwarding to %s", self.client.url)

    def _create_trunk_driver(self):
        try:
            from networking_ngs import trunk_driver
        except ImportError as e:
            # Only outside neutron-server (neutron-lib alone): no trunk plugin
            # to register with.
            LOG.warning("neutron's trunk service is not importable (%s); "
                        "ngs will not handle trunk subports", e)
            return None
        return trunk_driver.NgsTrunkDriver.create(self)

    @property
    def connectivity(self):
        return portbindings.CONNECTIVITY_L2

    # ---- networks ----------------------------------------------------------

    def create_network_postcommit(self, context):
        self._network_hook("create_network_postcommit", context,
                           physnet_vlans=True)

    def update_network_postcommit(self, context):
        self._network_hook("update_network_postcommit", context)

    def delete_network_postcommit(self, context):
        self._network_hook("delete_network_postcommit", context,
                           physnet_vlans=True)

    def _network_hook(self, hook, context, physnet_vlans=False):
        plugin_context = _plugin_context(context)
        body = {"network": context.current, "original": context.original}
        network = context.current or {}
        if physnet_vlans and (network.get("provider:network_type") ==
                              n_const.TYPE_VLAN):
            vlans = self._physnet_vlans(plugin_context)
            if vlans is not None:
                body["physnet_vlans"] = vlans
        self._forward(hook, body, plugin_context)

    def _physnet_vlans(self, plugin_context):
        """Every VLAN segment id per physnet, as Neutron's DB holds them now.

        ngs serve hands a switch whose device type converges trunk VLANs
        (netconf_openconfig) the VLANs of its own physnets, so its trunk
        ports get exactly the VLANs Neutron has (upstream's physnet_vlans
        query, Partial-Bug 2154349). Every physnet is sent, not only the
        network's: which switches a network reaches and which physnets they
        carry is ngs's configuration, not Neutron's. None (ngs then adds or
        removes the one VLAN) where neutron's objects are not importable.
        """
        try:
            segments = _network_segments()
        except ImportError as e:
            LOG.warning("neutron's NetworkSegment objects are not importable "
                        "(%s); ngs will not converge trunk VLANs", e)
            return None
        by_physnet = {}
        for seg in segments.get_objects(plugin_context,
                                        network_type=n_const.TYPE_VLAN):
            if seg.physical_network and seg.segmentation_id:
                by_physnet.setdefault(seg.physical_network, set()).add(
                    int(seg.segmentation_id))
        return {physnet: sorted(vlans)
                for physnet, vlans in sorted(by_physnet.items())}

    # ---- ports -------------------------------------------------------------

    def bind_port(self, context):
        port = context.current
        if not _is_baremetal(port):
            return
        plugin_context = _plugin_context(context)
        plugin = directory.get_plugin()
        subnets = []
        for fixed_ip in port.get("fixed_ips") or []:
            if not fixed_ip.get("subnet_id"):
                continue
            try:
                subnets.append(plugin.get_subnet(plugin_context,
                                                 fixed_ip["subnet_id"]))
            except n_exc.SubnetNotFound:
                continue
        segments = [dict(s) for s in context.segments_to_bind]
        body = {"port": port, "segments_to_bind": segments,
                "subnets": subnets}
        self._forward("bind_port", body, plugin_context, port_context=context)

    def update_port_postcommit(self, context):
        if not (_is_baremetal(context.current) or
                _is_baremetal(context.original)):
            return
        body = {
            "port": context.current,
            "original": context.original,
            "bottom_bound_segment": _segment(context.bottom_bound_segment),
            "top_bound_segment": _segment(context.top_bound_segment),
            "original_bottom_bound_segment":
                _segment(context.original_bottom_bound_segment),
            "original_top_bound_segment":
                _segment(context.original_top_bound_segment),
        }
        self._forward("update_port_postcommit", body, _plugin_context(context))

    def delete_port_postcommit(self, context):
        if not _is_baremetal(context.current):
            return
        body = {
            "port": context.current,
            "bottom_bound_segment": _segment(context.bottom_bound_segment),
            "top_bound_segment": _segment(context.top_bound_segment),
        }
        self._forward("delete_port_postcommit", body, _plugin_context(context))

    # ---- trunk subports (called by the trunk handler) ---------------------

    def subports_changed(self, hook, plugin_context, parent, subports, ports):
        """``subports_added`` / ``subports_deleted`` of a trunk's parent."""
        self._forward(hook, {"parent": parent, "subports": subports,
                             "ports": ports}, plugin_context)

    # ---- forwarding --------------------------------------------------------

    def _forward(self, hook, body, plugin_context, port_context=None):
        request_id = getattr(plugin_context, "request_id", None)
        answer = self.client.call(hook, body, request_id=request_id)
        self._apply(answer, plugin_context, port_context)

    def _apply(self, answer, plugin_context, port_context):
        """Apply ngs's effects in the order its driver made them."""
        binding = answer.get("binding")
        if binding and port_context is not None:
            extra = {}
            if binding.get("status"):
                extra["status"] = binding["status"]
            port_context.set_binding(binding["segment_id"],
                                     binding["vif_type"],
                                     binding["vif_details"], **extra)
        blocks = None
        if answer.get("provisioning_components") or answer.get(
                "provisioning_complete"):
            blocks = _provisioning_blocks()
        for block in answer.get("provisioning_components") or []:
            blocks.add_provisioning_component(
                plugin_context, block["port_id"], resources.PORT,
                block["entity"])
        if answer.get("port_status"):
            plugin = directory.get_plugin()
            for status in answer["port_status"]:
                plugin.update_port_status(plugin_context, status["port_id"],
                                          status["status"])
        for block in answer.get("provisioning_complete") or []:
            blocks.provisioning_complete(
                plugin_context, block["port_id"], resources.PORT,
                block["entity"])
