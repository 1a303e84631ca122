class Page:
    query = None
