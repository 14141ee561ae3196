"""The HTTP client of ngs serve's ML2 hooks (``POST <url>/v1/ml2/<hook>``).

Standard library only (urllib, ssl, json): neutron-server has no HTTP
client of its own we may assume, and one request per hook needs no more.
"""

import base64
import json
import socket
import ssl
import urllib.error
import urllib.request

from oslo_log import log as logging

from networking_ngs import exceptions

LOG = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-OpenStack-Request-ID"


class NgsClient(object):
    """Posts one hook body and returns ngs's answer (the effects to apply)."""

    def __init__(self, url, username=None, password=None, ca_file=None,
                 timeout=60.0):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._headers = {"Content-Type": "application/json",
                         "Accept": "application/json"}
        if username:
            token = "%s:%s" % (username, password or "")
            self._headers["Authorization"] = "Basic " + base64.b64encode(
                token.encode("utf-8")).decode("ascii")
        handlers = [
            # ngs is an internal service: never route it through the
            # environment's http(s)_proxy.
            urllib.request.ProxyHandler({}),
        ]
        if self.url.startswith("https:"):
            context = ssl.create_default_context(cafile=ca_file)
            handlers.append(urllib.request.HTTPSHandler(context=context))
        self._opener = urllib.request.build_opener(*handlers)

    @classmethod
    def from_conf(cls, group):
        """From the ``[ngs_remote]`` options."""
        return cls(group.url, username=group.username,
                   password=group.password, ca_file=group.ca_file,
                   timeout=group.timeout)

    def call(self, hook, body, request_id=None):
        headers = dict(self._headers)
        if request_id:
            headers[REQUEST_ID_HEADER] = request_id
        data = json.dumps(body, default=str).encode("utf-8")
        request = urllib.request.Request(
            "%s/v1/ml2/%s" % (self.url, hook), data=data, headers=headers,
            method="POST")
        LOG.debug("ngs %(hook)s request %(request_id)s",
                  {"hook": hook, "request_id": request_id})
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                return json.load(answer)
        except urllib.error.HTTPError as e:
            raise self._refused(hook, e)
        except (urllib.error.URLError, OSError, socket.timeout) as e:
            reason = getattr(e, "reason", None) or e
            raise exceptions.NgsUnreachable(
                url=self.url, hook=hook, timeout=self.timeout,
                reason=str(reason) or type(reason).__name__,
                error_class="Unreachable", error=str(reason))
        except ValueError as e:
            raise exceptions.NgsError(
                hook=hook, error_class="InvalidAnswer",
                error="ngs serve answered something that is not JSON: %s" % e)

    def _refused(self, hook, error):
        text = error.read().decode("utf-8", "replace")
        try:
            detail = json.loads(text)["error"]
            return exceptions.NgsError(hook=hook, error_class=detail["class"],
                                       error=detail["message"])
        except (ValueError, KeyError, TypeError):
            pass
        if error.code == 401:
            why = ("authentication failed: check [ngs_remote] username and "
                   "password against ngs serve's htpasswd file")
        else:
            why = "HTTP %s: %s" % (error.code, text[:200])
        return exceptions.NgsError(
            hook=hook, error_class="HTTP%s" % error.code, error=why)
