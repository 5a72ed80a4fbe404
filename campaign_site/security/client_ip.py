"""Who a request comes from, as far as the reverse proxies in front can vouch for it.

Rate limits and the sign-in lockout count per client. Behind proxies every request arrives
from a proxy's address, and the client's own address is in `X-Forwarded-For`, a header
anyone can send. It is believed only from a peer in `FORWARDED_ALLOW_IPS` (the proxy in
front, the same setting gunicorn reads for `X-Forwarded-Proto`), and only the entry the
outermost of `TRUSTED_PROXY_COUNT` proxies appended is used: entries further left come
from the client.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

__all__ = ["client_ip"]


def client_ip(request):
    """The address of the client that sent `request` (REMOTE_ADDR unless proxies vouch for
    another), or None when no valid address is known (a server socket naming no peer, a
    proxy passing something that is no address).

    Never anything but an IP address: the sign-in lockout stores it in an IP column, which
    PostgreSQL checks.
    """
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if (
        not proxies
        or peer is None
        or not _is_trusted_proxy(peer, tuple(settings.FORWARDED_ALLOW_IPS))
    ):
        return peer
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    # Fewer entries than proxies: the request skipped the outer ones, so no entry is vouched
    # for; the peer is all that is known.
    if len(forwarded) < proxies:
        return peer
    return _address(forwarded[-proxies]) or peer


def _address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


@lru_cache(maxsize=256)
def _is_trusted_proxy(peer, allowed):
    if "*" in allowed:
        return True
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    # A server listening on IPv6 reports IPv4 peers as ::ffff:a.b.c.d.
    address = getattr(address, "ipv4_mapped", None) or address
    return any(address in _network(entry) for entry in allowed)


@lru_cache(maxsize=64)
def _network(entry):
    return ipaddress.ip_network(entry, strict=False)
