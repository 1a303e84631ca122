from flask.sessions import SessionInterface


class DatabaseSessionInterface(SessionInterface):
    def open_session(self, app, request):
        return None

    def save_session(self, app, session, response):
        return None
