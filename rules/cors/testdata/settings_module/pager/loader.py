from flask import Config


def load_settings():
    config = Config("/")
    config.from_object("pager.settings")
    return config
