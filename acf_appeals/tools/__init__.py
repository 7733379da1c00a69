from . import guard
