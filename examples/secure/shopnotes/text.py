"""Text helpers used by the notes views."""


def shout(text):
    return text.upper()
