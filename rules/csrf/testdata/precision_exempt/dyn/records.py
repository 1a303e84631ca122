RECORDS = {}


def save_record(owner, host, ip):
    RECORDS[(owner, host)] = ip


def find_device(token):
    return None


def find_member(email):
    return None


def saml_client(request):
    return None
