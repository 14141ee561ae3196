"""Neutron exceptions carrying what ngs serve answered."""

from neutron_lib import exceptions

from networking_ngs._i18n import _


class NgsError(exceptions.NeutronException):
    """ngs serve refused or failed a hook.

    ``error_class`` is ngs's GenericSwitch* class name (for example
    ``GenericSwitchNotSupported``), ``error`` its message.
    """

    message = _("ngs %(hook)s failed: %(error_class)s: %(error)s")

    def __init__(self, **kwargs):
        self.hook = kwargs.get("hook")
        self.error_class = kwargs.get("error_class")
        super().__init__(**kwargs)


class NgsUnreachable(NgsError, exceptions.ServiceUnavailable):
    """ngs serve did not answer: refused, unresolvable, TLS, timed out."""

    message = _("ngs serve at %(url)s did not answer %(hook)s (timeout "
                "%(timeout)s s): %(reason)s")
