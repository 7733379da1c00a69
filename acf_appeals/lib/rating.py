"""The client's satisfaction with the reply (issue 21, item 2): the one home of its scale.

The client rates the reply from 1 to 5 on Odoo's own ``rating.rating`` (its ``rating`` column
runs from 0, "not rated", to 5). A rating of :data:`LOW_RATING_MAX` or less is a low rating:
the head of the call centre is given a to-do and the appeal is marked. A rating of
:data:`SATISFIED_MIN` or more counts as satisfied in the reports: Odoo's own limit of a
"satisfied" rating (``rating_data.RATING_LIMIT_SATISFIED``).
"""

SCORES = (1, 2, 3, 4, 5)
# Odoo's levels (odoo.addons.rating.models.rating_data; the lib stands alone, test_rating checks
# that they agree): "not satisfied" below RATING_LIMIT_OK (3), "satisfied" from
# RATING_LIMIT_SATISFIED (4).
LOW_RATING_MAX = 2
SATISFIED_MIN = 4
# A comment longer than this is refused: a page, not a letter (a letter is a new appeal).
COMMENT_MAX_CHARS = 2000


def is_low(score):
    """Whether ``score`` (1-5) is a low rating."""
    return bool(score) and score <= LOW_RATING_MAX
