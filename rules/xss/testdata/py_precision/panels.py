def render(render_template, query):
    output = render_template("panel.html", query=query)
    return output


def render_raw(query):
    out = "<p>" + query + "</p>"
    return out
