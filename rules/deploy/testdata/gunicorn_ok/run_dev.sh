#!/bin/sh
# local development helper
FLASK_DEBUG=1 flask --app app run --debug
