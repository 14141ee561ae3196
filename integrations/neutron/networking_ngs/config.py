"""The ``[ngs_remote]`` section: where ngs serve listens, how to reach it."""

from oslo_config import cfg

from networking_ngs._i18n import _

GROUP = "ngs_remote"

ngs_remote_opts = [
    cfg.URIOpt(
        "url",
        schemes=["http", "https"],
        required=True,
        help=_("Base URL of ngs serve, e.g. https://ngs.example.com:6190 "
               "(the ML2 hooks are under <url>/v1/ml2/)."),
    ),
    cfg.StrOpt(
        "username",
        help=_("User of ngs serve's htpasswd file (auth_strategy = "
               "http_basic). Unset: no credentials are sent."),
    ),
    cfg.StrOpt(
        "password",
        secret=True,
        help=_("Password of that user."),
    ),
    cfg.StrOpt(
        "ca_file",
        help=_("CA bundle that signed ngs serve's certificate (https). "
               "Unset: the system's trust store."),
    ),
    cfg.FloatOpt(
        "timeout",
        default=60.0,
        min=1.0,
        help=_("Seconds to wait for ngs serve to accept the connection and "
               "for each read of its answer. A hook plugs ports over SSH, so "
               "leave room for the slowest switch (ngs_commit_timeout)."),
    ),
]


def register_opts(conf):
    conf.register_opts(ngs_remote_opts, group=GROUP)


def list_opts():
    """For oslo-config-generator (entry point oslo.config.opts)."""
    return [(GROUP, ngs_remote_opts)]
