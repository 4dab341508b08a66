"""Start the production shape on this machine: `make serve-prod` (docs/deploy.md).

DEBUG off, gunicorn (deploy/gunicorn.conf.py) plus a Celery worker plus beat as its own process,
against PostgreSQL and Redis, run from the Procfile by honcho. Before honcho starts it:

1. keeps a generated SECRET_KEY in `$COALITION_VAR_DIR/secret_key` (mode 0600), made on the first
   run, so sessions and signed links survive a restart and the development key is never used;
2. creates the PostgreSQL database if it does not exist;
3. runs what a deploy runs: collectstatic, migrate, and `make setup`'s reference data (treaties,
   the reference campaigns, demo partners so the site is not empty);
4. writes the whole environment to `$COALITION_VAR_DIR/serve-prod.env` (mode 0600) and hands it to
   honcho, so every process gets exactly the same settings.

Every variable below can be overridden from the environment (the Makefile passes the
PostgreSQL and Redis ones); DEBUG cannot: this is the production shape. Arguments are honcho
process names, to start only some of them (`scripts/serve_prod.py web beat`); `--setup-only`
prepares everything and starts nothing.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shlex
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent


def _defaults(var_dir: Path) -> dict[str, str]:
    port = os.environ.get("SERVE_PROD_PORT", "8100")
    redis = os.environ.get("SERVE_PROD_REDIS", "redis://127.0.0.1:6379")
    return {
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/coalition_prod",
        # Persistent connections, as production runs them.
        "DB_CONN_MAX_AGE": "60",
        # Redis databases 14 and 15 of the machine's server: `make test-services` uses 1-3.
        "CACHE_URL": f"{redis}/14",
        "CELERY_BROKER_URL": f"{redis}/15",
        # Plain HTTP on loopback, so the cookies cannot be Secure (a browser would not send them
        # back and every form would fail its CSRF check). Behind HTTPS in production: true.
        "SECURE_COOKIES": "false",
        "SECURE_SSL_REDIRECT": "false",
        # No SMTP server on this machine: the worker prints each e-mail to the log.
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "LOG_LEVEL": "INFO",
        "CELERY_WORKER_CONCURRENCY": "2",
    }


def secret_key(var_dir: Path) -> str:
    """The key in `var_dir/secret_key`, generated (50 random bytes, URL-safe) on first use."""
    path = var_dir / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50) + "\n")
    return path.read_text().strip()


def environment(var_dir: Path) -> dict[str, str]:
    env = {name: os.environ.get(name, value) for name, value in _defaults(var_dir).items()}
    env["DEBUG"] = "false"
    env["COALITION_VAR_DIR"] = str(var_dir)
    env["SECRET_KEY"] = os.environ.get("SECRET_KEY") or secret_key(var_dir)
    return env


def write_env_file(path: Path, env: dict[str, str]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("# Written by scripts/serve_prod.py at every start; edit the environment.\n")
        for name in sorted(env):
            handle.write(f"{name}={shlex.quote(env[name])}\n")


def database_create_if_missing(url: str) -> None:
    """CREATE DATABASE for a postgres:// URL whose database does not exist yet."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        return
    import psycopg
    from psycopg import sql

    name = unquote(parts.path.lstrip("/"))
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=10) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"serve-prod: created database {name}", flush=True)


def prepare(env: dict[str, str]) -> None:
    """collectstatic, migrate and the reference data, in this process with `env` applied."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=1)
    call_command("load_reference_data", verbosity=0)
    call_command("load_campaign_reference_data")
    call_command("load_demo_partners")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("processes", nargs="*", help="Procfile process names (default: all)")
    parser.add_argument("--setup-only", action="store_true", help="prepare, start nothing")
    parser.add_argument("--no-setup", action="store_true", help="skip collectstatic/migrate/data")
    args = parser.parse_args()

    var_dir = Path(os.environ.get("COALITION_VAR_DIR", str(ROOT / "var" / "prod"))).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    env = environment(var_dir)
    env_file = var_dir / "serve-prod.env"
    write_env_file(env_file, env)

    database_create_if_missing(env["DATABASE_URL"])
    if not args.no_setup:
        prepare(env)
    if args.setup_only:
        return
    honcho = shutil.which("honcho", path=str(Path(sys.executable).parent)) or "honcho"
    print(
        f"serve-prod: http://{env['GUNICORN_BIND']}/ (DEBUG off); environment in {env_file}",
        flush=True,
    )
    argv = [honcho, "start", "--no-colour", "-f", str(ROOT / "Procfile"), "-d", str(ROOT)]
    argv += ["-e", str(env_file), *args.processes]
    # The processes need the virtualenv's gunicorn and celery on PATH, whoever started us.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    os.execv(honcho, argv)  # noqa: S606 - fixed argv, no shell


if __name__ == "__main__":
    main()
