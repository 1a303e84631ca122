from .extensions import db
from .models import PageVisit


def write_entry(action, target):
    # One row per action: who did what, for the administrators' audit page.
    db.session.add(PageVisit(path=action + ":" + str(target)))
    db.session.commit()
