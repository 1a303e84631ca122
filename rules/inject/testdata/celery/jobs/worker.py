from celery import Celery

queue = Celery("jobs", broker="redis://localhost:6379/0")
