from .extensions import db
from .models import VisitLog


def write_entry(action, target):
    # One row per action: who did what, for the administrators' audit page.
    db.session.add(VisitLog(path=action + ":" + str(target)))
    db.session.commit()
