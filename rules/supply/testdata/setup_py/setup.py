from setuptools import setup

setup(
    name="portal",
    install_requires=[
        "flask",  # want: FLASK-SUPPLY-001(medium)
        "werkzeug==2.2.2",  # want: FLASK-SUPPLY-001(high)
        "requests",
    ],
)
