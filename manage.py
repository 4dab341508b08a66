#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")
    if sys.argv[1:2] == ["makemigrations"]:
        # It reads models and writes files, signing nothing: no production secrets needed
        # (core.production).
        os.environ.setdefault("COALITION_SIGNS_NOTHING", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
