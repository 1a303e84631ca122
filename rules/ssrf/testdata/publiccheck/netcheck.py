import ipaddress
import socket
from urllib.parse import urlsplit


def is_public_url(url):
    """True when every address the URL's host resolves to is globally routable."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    for info in socket.getaddrinfo(parts.hostname, parts.port or 443):
        if not ipaddress.ip_address(info[4][0]).is_global:
            return False
    return True


def host_is_routable(host):
    return ipaddress.ip_address(socket.gethostbyname(host)).is_global
