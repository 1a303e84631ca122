#!/bin/sh
python manage.py
