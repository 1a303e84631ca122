from app import app

app.config["DEBUG"] = True  # want: FLASK-DEPLOY-002(low)
app.run(port=5001)
