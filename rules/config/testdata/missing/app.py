from flask import Flask, redirect, session

app = Flask(__name__)  # want: FLASK-CONFIG-001


@app.post("/cart/<int:item>")
def add(item):
    session["cart"] = session.get("cart", []) + [item]
    return redirect("/")
