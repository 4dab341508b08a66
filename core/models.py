"""Core defines no models. The module exists so that `migrate` sends `post_migrate` to
`CoreConfig` (Django skips apps without one), which creates the database cache's table."""
