# A module name read back from the database is the app's own configuration:
# not reported. A pickle read back from the database stays reported:
# whoever can write the row runs code.
import importlib
import pickle
import sqlite3


def provider_class():
    name = sqlite3.connect("app.db").execute("SELECT module FROM providers").fetchone()[0]
    return importlib.import_module(name)


def load_session_blob(sid):
    row = sqlite3.connect("app.db").execute("SELECT blob FROM sessions WHERE id = ?", (sid,)).fetchone()
    return pickle.loads(row[0])  # want: FLASKSEC-DESERIALIZE-001(low)
