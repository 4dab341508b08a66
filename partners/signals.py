"""No signal handlers on purpose.

Geocoding is enqueued by the profile services (`partners.services.profiles`) after the
transaction commits, and only when the address changed. A `post_save` handler would also fire
for the geocoding service's own saves and for bulk tools, and could not tell what changed.
"""
