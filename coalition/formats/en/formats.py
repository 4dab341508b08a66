"""English date formats: day month year ("3 February 2026"), the order the coalition writes in.

Django's own English formats are American ("Feb. 3, 2026"). Spanish keeps Django's
("3 de febrero de 2026"). Templates format dates only through the `date_long` and
`datetime_long` filters (coalition/templatetags/coalition_ui.py), so one format per language.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
