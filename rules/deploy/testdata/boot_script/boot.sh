#!/bin/sh
set -e
flask db upgrade
exec flask --app wsgi run --host 0.0.0.0 --debug
