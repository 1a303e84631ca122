import os

MULTI_TENANT = os.environ.get("MULTI_TENANT") == "1"


def scoped_rule(rule):
    if MULTI_TENANT:
        return "/<org>{}".format(rule)
    return rule
