class Member:
    registry = {}

    def __init__(self, handle, pass_digest):
        self.id = len(Member.registry) + 1
        self.handle = handle
        self.pass_digest = pass_digest
        self.email = ""
        self.otp_seed = ""


def find_member(handle):
    return Member.registry.get(handle)


def add_member(handle, pass_digest):
    member = Member(handle, pass_digest)
    Member.registry[handle] = member
    return member


def save_member(member):
    Member.registry[member.handle] = member


def search_members(q):
    return [m for m in Member.registry.values() if q in m.handle]


def record_note(member_id, text):
    with open("notes.txt", "a") as f:
        f.write(f"{member_id}: {text}\n")
