"""networking-ngs against a real ``ngs serve`` and simulated switches.

The driver gets neutron_lib-shaped contexts, forwards every hook over HTTP to
ngs serve (a child process), which drives simulated switches over SSH; the
assertions read the switches' state from the simulator.
"""

import json
import os
import socket
import sys
import tempfile
import types
import unittest
from unittest import mock
import uuid

from neutron_lib.api.definitions import portbindings
from neutron_lib.callbacks import events
from neutron_lib.callbacks import registry
from neutron_lib.callbacks import resources
from neutron_lib import context as n_context
from neutron_lib.plugins import constants as plugin_constants
from neutron_lib.plugins import directory
from oslo_config import cfg

from networking_ngs import exceptions
from networking_ngs import mech_driver
from networking_ngs.tests import doubles
from networking_ngs.tests import services
from networking_ngs import trunk_handler

MAC = "aa:bb:cc:00:44:55"
BOUND = {portbindings.VIF_TYPE: portbindings.VIF_TYPE_OTHER}
UNBOUND = {portbindings.VIF_TYPE: portbindings.VIF_TYPE_UNBOUND}
ALL = ("leaf1", "leaf2", "leaf3")
# leaf4 is an OpenConfig switch (NETCONF): its trunk VLANs converge.
UPLINK = "Ethernet48"


def gi(n):
    return "GigabitEthernet1/0/%d" % n


def leaf1(n):
    """Port gi(n) of leaf1 as the simulator sees it."""
    return SIMS.port("leaf1", gi(n))
SIMS = None
SERVE = None


def setUpModule():
    global SIMS, SERVE
    SIMS = services.SimSwitches([("leaf1", "netmiko_cisco_ios"),
                                 ("leaf2", "netmiko_dell_os10"),
                                 ("leaf3", "netmiko_cisco_ios"),
                                 ("leaf4", "netconf_openconfig")])
    try:
        SERVE = services.NgsServe([
            services.switch_section("leaf1", "netmiko_cisco_ios",
                                    SIMS.addresses["leaf1"],
                                    "ngs_mac_address = %s" % MAC,
                                    "ngs_physical_networks = physnet1"),
            services.switch_section("leaf2", "netmiko_dell_os10",
                                    SIMS.addresses["leaf2"],
                                    "ngs_physical_networks = physnet1"),
            services.switch_section("leaf3", "netmiko_cisco_ios",
                                    SIMS.addresses["leaf3"],
                                    "ngs_physical_networks = physnet2"),
            services.switch_section(
                "leaf4", "netconf_openconfig", SIMS.addresses["leaf4"],
                "ngs_physical_networks = physnet3",
                "ngs_trunk_ports = %s" % UPLINK,
                "ngs_host_key_fingerprint = %s"
                % SIMS.addresses["leaf4"]["hostKeyFingerprint"]),
        ])
    except Exception:
        SIMS.stop()
        raise


def tearDownModule():
    if SERVE:
        SERVE.stop()
    if SIMS:
        SIMS.stop()


def segment(vlan, physnet="physnet1"):
    return {"id": "seg-%s" % vlan, "network_type": "vlan",
            "segmentation_id": vlan, "physical_network": physnet,
            "network_id": "net-%s" % vlan}


def baremetal_port(links, bond_mode=None, **extra):
    profile = {"local_link_information": links}
    if bond_mode:
        profile["local_group_information"] = {"bond_mode": bond_mode}
    port = {"id": "port-%s" % uuid.uuid4(), "status": "DOWN",
            "network_id": "net-1",
            portbindings.VNIC_TYPE: portbindings.VNIC_BAREMETAL,
            portbindings.HOST_ID: "node-1",
            portbindings.VIF_TYPE: portbindings.VIF_TYPE_UNBOUND,
            portbindings.PROFILE: profile, "fixed_ips": []}
    port.update(extra)
    return port


def link(switch, port_id, by_mac=False):
    if by_mac:
        return {"switch_id": MAC.upper(), "switch_info": "any",
                "port_id": port_id}
    return {"switch_info": switch, "port_id": port_id}


def write_conf(directory_, url, username=services.API_USER,
               password=services.API_PASSWORD, timeout=30, ca_file=None):
    path = os.path.join(directory_, "ml2_conf_ngs.ini")
    with open(path, "w") as f:
        f.write("[ngs_remote]\nurl = %s\nusername = %s\npassword = %s\n"
                "timeout = %s\n" % (url, username, password, timeout))
        if ca_file:
            f.write("ca_file = %s\n" % ca_file)
    return path


class DriverTestCase(unittest.TestCase):
    """An initialized driver reading [ngs_remote] from an ini file."""

    def setUp(self):
        self.plugin = doubles.FakeCorePlugin()
        directory.add_plugin(plugin_constants.CORE, self.plugin)
        self.blocks = doubles.FakeProvisioningBlocks()
        patcher = mock.patch.object(mech_driver, "_provisioning_blocks",
                                    return_value=self.blocks)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.driver = self.make_driver(SERVE.url)

    def make_driver(self, url, **kwargs):
        conf = cfg.ConfigOpts()
        conf(["--config-file", write_conf(self.tmp.name, url, **kwargs)])
        driver = mech_driver.NgsMechanismDriver(conf)
        driver.initialize()
        return driver

    def bind(self, port, *segments):
        ctx = doubles.PortContext(port, segments_to_bind=segments)
        self.driver.bind_port(ctx)
        return ctx

    def bind_and_plug(self, port, seg):
        ctx = self.bind(port, seg)
        self.assertEqual((seg["id"], portbindings.VIF_TYPE_OTHER, {}, None),
                         ctx.binding)
        bound = dict(port, **BOUND)
        self.driver.update_port_postcommit(
            doubles.PortContext(bound, original=port, bound_segment=seg))
        return bound


class TestPorts(DriverTestCase):

    def test_bind_port_chooses_the_subnets_segment_and_sends_nothing(self):
        before = SIMS.commands()
        self.plugin.subnets["sn-1"] = {"id": "sn-1", "segment_id": "seg-102",
                                       "cidr": "10.0.0.0/24"}
        port = baremetal_port([link("leaf1", "GigabitEthernet1/0/1")],
                              fixed_ips=[{"subnet_id": "sn-1",
                                          "ip_address": "10.0.0.5"}])
        ctx = self.bind(port, segment(101), segment(102))
        self.assertEqual(("seg-102", "other", {}, None), ctx.binding)
        self.assertEqual([(port["id"], resources.PORT, "GENERICSWITCH")],
                         self.blocks.added)
        self.assertEqual(before, SIMS.commands())

    def test_plug_on_update_unplug_on_delete(self):
        seg = segment(103)
        port = baremetal_port([link("leaf1", gi(2), by_mac=True)])
        bound = self.bind_and_plug(port, seg)
        self.assertEqual("access", leaf1(2)["mode"])
        self.assertEqual(103, leaf1(2)["accessVlan"])
        self.assertEqual([(port["id"], resources.PORT, "GENERICSWITCH")],
                         self.blocks.completed)

        # provisioning_complete: Neutron sets ACTIVE, calls the hook again.
        before = SIMS.commands()
        active = dict(bound, status="ACTIVE")
        self.driver.update_port_postcommit(
            doubles.PortContext(active, original=bound, bound_segment=seg))
        self.assertEqual(before, SIMS.commands())

        self.driver.delete_port_postcommit(
            doubles.PortContext(active, bound_segment=seg))
        self.assertIsNone(leaf1(2)["accessVlan"])

    def test_unbinding_unplugs_with_the_original_binding(self):
        seg = segment(104)
        port = baremetal_port([link("leaf1", "GigabitEthernet1/0/3")])
        bound = dict(self.bind_and_plug(port, seg), status="ACTIVE")
        self.assertEqual(104, leaf1(3)["accessVlan"])
        unbound = dict(bound, **UNBOUND)
        unbound[portbindings.PROFILE] = {}
        self.driver.update_port_postcommit(doubles.PortContext(
            unbound, original=bound, original_bound_segment=seg))
        self.assertIsNone(leaf1(3)["accessVlan"])

    def test_8023ad_bond(self):
        seg = segment(105)
        port = baremetal_port([link("leaf2", "port-channel5"),
                               link("leaf2", "port-channel5")],
                              bond_mode="802.3ad")
        before = SIMS.commands()
        self.bind_and_plug(port, seg)
        self.assertGreater(SIMS.commands(), before)
        self.assertEqual(105,
                         SIMS.port("leaf2", "port-channel5")["accessVlan"])
        self.assertEqual([(port["id"], resources.PORT, "GENERICSWITCH")],
                         self.blocks.completed)

    def test_unknown_switch_and_physnet_mismatch_bind_and_send_nothing(self):
        before = SIMS.commands()
        for links, seg in (
                ([link("leaf9", "GigabitEthernet1/0/4")], segment(106)),
                ([link("leaf1", gi(4))], segment(106, "physnet2")),
                ([link("leaf1", "GigabitEthernet1/0/4"),
                  link("leaf3", "GigabitEthernet1/0/4")], segment(106))):
            port = baremetal_port(links)
            ctx = self.bind(port, seg)
            self.assertIsNone(ctx.binding, links)
            # Even told it is bound, ngs refuses the links before any switch.
            bound = dict(port, **BOUND)
            self.driver.update_port_postcommit(
                doubles.PortContext(bound, original=port, bound_segment=seg))
        self.assertEqual([], self.blocks.added)
        self.assertEqual([], self.blocks.completed)
        self.assertEqual(before, SIMS.commands())

    def test_a_port_that_is_not_baremetal_is_not_forwarded(self):
        port = baremetal_port([link("leaf1", "GigabitEthernet1/0/5")],
                              **{portbindings.VNIC_TYPE: "normal"})
        with mock.patch.object(self.driver.client, "call") as call:
            ctx = self.bind(port, segment(107))
        self.assertIsNone(ctx.binding)
        call.assert_not_called()

    def test_an_ngs_error_is_a_neutron_exception_with_ngs_message(self):
        seg = dict(segment(108), segmentation_id=5000)
        port = baremetal_port([link("leaf1", "GigabitEthernet1/0/6")],
                              **BOUND)
        with self.assertRaises(exceptions.NgsError) as caught:
            self.driver.update_port_postcommit(
                doubles.PortContext(port, bound_segment=seg))
        self.assertEqual("GenericSwitchInvalidValue",
                         caught.exception.error_class)
        self.assertIn("5000", str(caught.exception))
        self.assertIn("update_port_postcommit", str(caught.exception))
        self.assertEqual([], self.blocks.completed)

    def test_the_request_id_reaches_ngs_logs(self):
        ctx = doubles.PortContext(
            baremetal_port([link("leaf1", "GigabitEthernet1/0/7")]),
            segments_to_bind=[segment(109)])
        self.driver.bind_port(ctx)
        request_id = ctx._plugin_context.request_id
        line = json.loads(SERVE.wait_for_log(
            r'"method":"ml2\.bind_port".*"request_id":"%s"' % request_id))
        self.assertEqual("ok", line["outcome"])


class TestTrunks(DriverTestCase):

    def setUp(self):
        super().setUp()
        self.handler = trunk_handler.NgsTrunkHandler(self.driver)
        self.handler.subscribe()
        self.addCleanup(registry.unsubscribe, self.handler.subports_added,
                        resources.SUBPORTS, events.AFTER_CREATE)
        self.addCleanup(registry.unsubscribe, self.handler.subports_deleted,
                        resources.SUBPORTS, events.AFTER_DELETE)

    def publish(self, event, trunk, *subports):
        payload = events.DBEventPayload(
            n_context.get_admin_context(), resource_id=trunk.id,
            states=(trunk,), metadata={"subports": list(subports)})
        registry.publish(resources.SUBPORTS, event, self, payload=payload)

    def test_trunk_with_subports(self):
        seg = segment(110)
        sub = {"port_id": "sub-111", "segmentation_id": 111,
               "segmentation_type": "vlan"}
        port = baremetal_port([link("leaf1", "GigabitEthernet1/0/8")],
                              trunk_details={"trunk_id": "trunk-1",
                                             "sub_ports": [sub]})
        self.plugin.ports["sub-111"] = {"id": "sub-111", "status": "DOWN"}
        bound = self.bind_and_plug(port, seg)
        state = leaf1(8)
        self.assertEqual((110, [110, 111]),
                         (state["nativeVlan"], sorted(state["allowedVlans"])))
        self.assertIn(("sub-111", "ACTIVE"), self.plugin.status_updates)

        # The trunk plugin's events: a subport added, then removed.
        parent = dict(bound, status="ACTIVE")
        self.plugin.ports[parent["id"]] = parent
        self.plugin.ports["sub-112"] = {"id": "sub-112", "status": "DOWN"}
        trunk = types.SimpleNamespace(id="trunk-1", port_id=parent["id"])
        added = types.SimpleNamespace(port_id="sub-112", segmentation_id=112,
                                      segmentation_type="vlan")
        self.publish(events.AFTER_CREATE, trunk, added)
        self.assertIn(112, leaf1(8)["allowedVlans"])
        self.assertEqual("ACTIVE", self.plugin.ports["sub-112"]["status"])
        self.publish(events.AFTER_DELETE, trunk, added)
        self.assertNotIn(112, leaf1(8)["allowedVlans"])


def network(vlan, physnet="physnet1"):
    return {"id": str(uuid.uuid4()), "name": "net-%s" % vlan,
            "provider:network_type": "vlan",
            "provider:segmentation_id": vlan,
            "provider:physical_network": physnet}


def _neutron_trunk_base():
    """Stand-in modules for neutron's trunk DriverBase, as neutron defines it.

    neutron-lib alone has no trunk service; these follow
    neutron/services/trunk/drivers/base.py: the constructor's arguments, and
    ``register`` registering the driver with the trunk plugin at AFTER_INIT.
    """
    @registry.has_registry_receivers
    class DriverBase(object):
        def __init__(self, name, interfaces, segmentation_types,
                     agent_type=None, can_trunk_bound_port=False):
            self.name = name
            self.interfaces = interfaces
            self.segmentation_types = segmentation_types
            self.agent_type = agent_type
            self._can_trunk_bound_port = can_trunk_bound_port

        @registry.receives(resources.TRUNK_PLUGIN, [events.AFTER_INIT])
        def register(self, resource, event, trigger, payload=None):
            trigger.register_driver(self)

    base = types.ModuleType("neutron.services.trunk.drivers.base")
    base.DriverBase = DriverBase
    names = ["neutron", "neutron.services", "neutron.services.trunk",
             "neutron.services.trunk.drivers"]
    modules = {n: types.ModuleType(n) for n in names}
    modules["neutron.services.trunk.drivers"].base = base
    modules[base.__name__] = base
    return modules


class TestTrunkDriverRegistration(DriverTestCase):

    def test_the_trunk_plugin_gets_the_driver_and_subports_reach_ngs(self):
        patcher = mock.patch.dict(sys.modules, _neutron_trunk_base())
        patcher.start()
        self.addCleanup(patcher.stop)
        sys.modules.pop("networking_ngs.trunk_driver", None)
        self.addCleanup(sys.modules.pop, "networking_ngs.trunk_driver", None)
        driver = self.make_driver(SERVE.url)
        trunk_driver = driver.trunk_driver
        self.addCleanup(registry.unsubscribe_all, trunk_driver.register)

        trunk_plugin = mock.Mock()
        registry.publish(resources.TRUNK_PLUGIN, events.AFTER_INIT,
                         trunk_plugin, payload=events.EventPayload(None))
        trunk_plugin.register_driver.assert_called_once_with(trunk_driver)
        self.assertEqual(("ngs", ("other", "vhostuser"), ("vlan",), True),
                         (trunk_driver.name, trunk_driver.interfaces,
                          trunk_driver.segmentation_types,
                          trunk_driver._can_trunk_bound_port))
        self.addCleanup(registry.unsubscribe_all,
                        trunk_driver.handler.subports_added)
        self.addCleanup(registry.unsubscribe_all,
                        trunk_driver.handler.subports_deleted)

        port = baremetal_port([link("leaf1", gi(10))], status="ACTIVE",
                              **BOUND)
        self.plugin.ports[port["id"]] = port
        trunk = types.SimpleNamespace(id="trunk-2", port_id=port["id"])
        sub = {"port_id": "sub-140", "segmentation_id": 140,
               "segmentation_type": "vlan"}
        payload = events.DBEventPayload(
            n_context.get_admin_context(), resource_id=trunk.id,
            states=(trunk,), metadata={"subports": [sub]})
        registry.publish(resources.SUBPORTS, events.AFTER_CREATE, self,
                         payload=payload)
        self.assertIn(140, leaf1(10)["allowedVlans"])


class TestNetworks(DriverTestCase):

    def test_create_and_delete_on_every_switch_of_the_physnet(self):
        net = network(120)
        self.driver.create_network_postcommit(doubles.NetworkContext(net))
        self.assertEqual([True, True, False],
                         [120 in SIMS.vlans(s) for s in ALL])
        self.driver.update_network_postcommit(
            doubles.NetworkContext(net, original=net))
        self.driver.delete_network_postcommit(doubles.NetworkContext(net))
        self.assertEqual([False, False, False],
                         [120 in SIMS.vlans(s) for s in ALL])

    def test_a_vxlan_network_sends_nothing(self):
        before = SIMS.commands()
        net = dict(network(121), **{"provider:network_type": "vxlan"})
        self.driver.create_network_postcommit(doubles.NetworkContext(net))
        self.assertEqual(before, SIMS.commands())


def _neutron_segment_objects(segments):
    """Stand-in modules for neutron's ``neutron.objects.network``.

    neutron-lib has no segment model; this follows neutron's
    ``NetworkSegment.get_objects(context, **filters)`` over the ``segments``
    dicts (a filter is a value or a list of values), with the fields the
    driver reads.
    """
    class NetworkSegment(object):
        def __init__(self, **fields):
            self.__dict__.update(fields)

        @classmethod
        def get_objects(cls, context, **filters):
            def wanted(seg):
                return all(seg.get(k) in (v if isinstance(v, (list, tuple))
                                          else [v])
                           for k, v in filters.items())
            return [cls(**seg) for seg in segments if wanted(seg)]

    network = types.ModuleType("neutron.objects.network")
    network.NetworkSegment = NetworkSegment
    modules = {n: types.ModuleType(n) for n in ("neutron", "neutron.objects")}
    modules["neutron.objects"].network = network
    modules[network.__name__] = network
    return modules


def uplink_vlans():
    """The trunk VLANs of leaf4's uplink, as its running config holds them."""
    iface = SIMS.state()["leaf4"]["netconf"]["interfaces"].get(UPLINK, {})
    return (iface.get("switchedVlan") or {}).get("trunkVlans", [])


def leaf4_vlans():
    """The VLAN ids (strings) in leaf4's running config."""
    return SIMS.state()["leaf4"]["netconf"]["vlans"].get("default", {})


class TestTrunkConvergence(DriverTestCase):
    """physnet_vlans: every VLAN segment Neutron has, per physnet."""

    def create(self, db, vlan, physnet="physnet3"):
        net = network(vlan, physnet)
        db.append(dict(segment(vlan, physnet), network_id=net["id"]))
        self.driver.create_network_postcommit(doubles.NetworkContext(net))
        return net

    def test_a_trunk_that_missed_a_vlan_gets_every_vlan_of_its_physnet(self):
        db = []
        patcher = mock.patch.dict(sys.modules, _neutron_segment_objects(db))
        patcher.start()
        self.addCleanup(patcher.stop)
        # VLAN 150 is in Neutron but never reached the switch (ngs was down,
        # say); 160 is on another physnet, 165 is no VLAN network.
        db.append(segment(150, "physnet3"))
        db.append(segment(160, "physnet1"))
        db.append(dict(segment(165, "physnet3"), network_type="flat"))

        self.create(db, 151)
        self.assertEqual([150, 151], uplink_vlans())
        self.assertIn("151", leaf4_vlans())
        net152 = self.create(db, 152)
        self.assertEqual([150, 151, 152], uplink_vlans())

        # Deleted: Neutron's DB no longer has the segment at postcommit.
        db[:] = [s for s in db if s.get("network_id") != net152["id"]]
        self.driver.delete_network_postcommit(
            doubles.NetworkContext(net152))
        self.assertEqual([150, 151], uplink_vlans())
        self.assertNotIn("152", leaf4_vlans())

    def test_without_neutrons_segment_objects_only_the_one_vlan_changes(self):
        # neutron-lib alone (no neutron.objects): nothing to converge from.
        before = uplink_vlans()
        net = network(155, "physnet3")
        self.driver.create_network_postcommit(doubles.NetworkContext(net))
        self.assertEqual(sorted(before + [155]), uplink_vlans())
        self.driver.delete_network_postcommit(doubles.NetworkContext(net))
        self.assertEqual(before, uplink_vlans())


class TestRemote(DriverTestCase):

    def test_ngs_unreachable_is_a_clear_error(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            closed = s.getsockname()[1]
        driver = self.make_driver("http://127.0.0.1:%s" % closed, timeout=2)
        with self.assertRaises(exceptions.NgsUnreachable) as caught:
            driver.create_network_postcommit(
                doubles.NetworkContext(network(122)))
        self.assertIn("ngs serve at http://127.0.0.1:%s did not answer "
                      "create_network_postcommit" % closed,
                      str(caught.exception))

    def test_ngs_that_never_answers_times_out(self):
        # Accepts connections (the backlog) but never reads or answers.
        with socket.socket() as silent:
            silent.bind(("127.0.0.1", 0))
            silent.listen(8)
            url = "http://127.0.0.1:%s" % silent.getsockname()[1]
            driver = self.make_driver(url, timeout=1)
            with self.assertRaises(exceptions.NgsUnreachable) as caught:
                driver.bind_port(doubles.PortContext(
                    baremetal_port([link("leaf1", "GigabitEthernet1/0/9")]),
                    segments_to_bind=[segment(123)]))
        self.assertIn("timed out", str(caught.exception))

    def test_wrong_credentials_are_refused_and_the_password_stays_secret(self):
        before = SIMS.commands()
        driver = self.make_driver(SERVE.url, password="not-the-password")
        with self.assertRaises(exceptions.NgsError) as caught:
            driver.create_network_postcommit(
                doubles.NetworkContext(network(124)))
        self.assertIn("authentication failed", str(caught.exception))
        self.assertNotIn("not-the-password", str(caught.exception))
        self.assertEqual(before, SIMS.commands())


class TestTls(DriverTestCase):
    """ngs serve over HTTPS, its CA in [ngs_remote] ca_file."""

    @classmethod
    def setUpClass(cls):
        cls.serve = services.NgsServe([services.switch_section(
            "leaf1", "netmiko_cisco_ios", SIMS.addresses["leaf1"],
            "ngs_physical_networks = physnet1")], tls=True)

    @classmethod
    def tearDownClass(cls):
        cls.serve.stop()

    def test_https_with_the_ca_file(self):
        self.assertTrue(self.serve.url.startswith("https://"))
        driver = self.make_driver(self.serve.url, ca_file=self.serve.ca_file)
        net = network(130)
        driver.create_network_postcommit(doubles.NetworkContext(net))
        self.assertIn(130, SIMS.vlans("leaf1"))
        driver.delete_network_postcommit(doubles.NetworkContext(net))
        self.assertNotIn(130, SIMS.vlans("leaf1"))

    def test_an_untrusted_certificate_is_refused_before_anything_is_sent(self):
        before = SIMS.commands()
        driver = self.make_driver(self.serve.url)
        with self.assertRaises(exceptions.NgsUnreachable) as caught:
            driver.create_network_postcommit(
                doubles.NetworkContext(network(131)))
        self.assertIn("CERTIFICATE_VERIFY_FAILED", str(caught.exception))
        self.assertEqual(before, SIMS.commands())
