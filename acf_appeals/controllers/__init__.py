from . import callback
from . import portal
