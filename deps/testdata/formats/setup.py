from setuptools import setup, find_packages

SECURITY = [
    "flask-talisman==1.0.0",
    "Flask-WTF>=1.1",
]

setup(
    name="demo",
    packages=find_packages(),
    install_requires=[
        "flask>=2.2",
        "werkzeug==2.2.2",  # pinned
        open("extra.txt").read(),
    ],
    extras_require={
        "security": SECURITY,
        "computed": [line for line in open("x.txt")],
    },
)
