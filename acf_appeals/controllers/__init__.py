from . import callback
from . import portal
from . import rating
