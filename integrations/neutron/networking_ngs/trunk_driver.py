"""The trunk driver registration (needs neutron-server's trunk service)."""

from neutron.services.trunk.drivers import base as trunk_base
from neutron_lib.api.definitions import portbindings
from neutron_lib.callbacks import events
from neutron_lib.callbacks import registry
from neutron_lib.callbacks import resources
from neutron_lib.services.trunk import constants as trunk_consts
from oslo_config import cfg

from networking_ngs import trunk_handler

SUPPORTED_INTERFACES = (portbindings.VIF_TYPE_OTHER,
                        portbindings.VIF_TYPE_VHOST_USER)
SUPPORTED_SEGMENTATION_TYPES = (trunk_consts.SEGMENTATION_TYPE_VLAN,)


class NgsTrunkDriver(trunk_base.DriverBase):
    """Lets trunks use ports bound by ngs; their subports go to ngs."""

    @property
    def is_loaded(self):
        try:
            return "ngs" in cfg.CONF.ml2.mechanism_drivers
        except cfg.NoSuchOptError:
            return False

    @registry.receives(resources.TRUNK_PLUGIN, [events.AFTER_INIT])
    def register(self, resource, event, trigger, payload=None):
        super().register(resource, event, trigger, payload=payload)
        self.handler = trunk_handler.NgsTrunkHandler(self.mech_driver)
        self.handler.subscribe()

    @classmethod
    def create(cls, mech_driver):
        driver = cls("ngs", SUPPORTED_INTERFACES, SUPPORTED_SEGMENTATION_TYPES,
                     None, can_trunk_bound_port=True)
        driver.mech_driver = mech_driver
        return driver
