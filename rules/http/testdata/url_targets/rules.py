import os

TENANTS = os.environ.get("TENANTS") == "on"


def tenant_rule(rule):
    if TENANTS:
        return "/<tenant>" + rule
    return rule
