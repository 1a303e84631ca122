import httpx
import requests


def fetch_preview(link):
    resp = httpx.get(link, follow_redirects=True)  # want: FLASK-SSRF-001
    return resp.text


class WebhookClient:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.session = requests.Session()

    def send(self, payload):
        return self.session.post(self.endpoint, json=payload, timeout=5)  # want: FLASK-SSRF-001


def is_allowed_url(url):
    from urllib.parse import urlparse

    return urlparse(url).hostname in {"api.example.com", "cdn.example.com"}
