from blog import create_app

app = create_app()
app.secret_key = "local"  # want: FLASK-CONFIG-001(low)
app.run(debug=True)
