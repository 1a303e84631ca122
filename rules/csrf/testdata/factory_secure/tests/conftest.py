import pytest

from shop import create_app
from shop.config import TestingConfig


@pytest.fixture
def app():
    app = create_app(TestingConfig)
    app.config["WTF_CSRF_ENABLED"] = False
    return app
