from web import create_app

create_app().run()
