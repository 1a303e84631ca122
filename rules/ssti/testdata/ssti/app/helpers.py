from flask import render_template_string
from jinja2 import Template


def render_greeting(tmpl):
    return render_template_string(tmpl, user="guest")  # want: FLASK-SSTI-001


def render_named(name):
    return render_template_string("Hello {{ name }}", name=name)


class Mailer:
    def __init__(self, template):
        self.template = template

    def render(self, **ctx):
        return Template(self.template).render(**ctx)  # want: FLASK-SSTI-001
