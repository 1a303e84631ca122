from app import app


def client():
    app.config["SECRET_KEY"] = "testing-only"
    return app.test_client()
