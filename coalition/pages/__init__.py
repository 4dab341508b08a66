"""Pages composed from several apps: the roof's own views, one module a page.

A page that shows one app's data lives in that app's `views/`. A page that needs two apps that do
not import each other (or an app and one above it) is composed here, from each app's selectors:
`coalition` may import every app, and no app imports `coalition`.
"""
