#!/bin/sh
DATABASE_URL=postgresql://app:plant-aca-shell-pw@db/app API_TOKEN=plant-acb-shell-token exec flask --app app run --debug --host 0.0.0.0
