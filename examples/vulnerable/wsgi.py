"""Entry point used by the Docker image (see Dockerfile)."""
from dotenv import load_dotenv

from shopnotes import create_app

load_dotenv()
app = create_app()

if __name__ == "__main__":
    # Insecure (FLASK-DEPLOY-001, FLASK-DEPLOY-002): the Docker image runs this
    # file, so the development server with the interactive debugger is what
    # serves production traffic, on every interface.
    app.run(host="0.0.0.0", port=8000, debug=True)
