def audit(f):
    return f


def hello():
    return "hello"
