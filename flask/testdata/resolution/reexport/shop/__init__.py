from .factory import build as create_app
from .views import *
