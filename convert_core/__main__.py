"""``python -m convert_core``: the ``convert`` command under an unambiguous name."""

from .cli import run

if __name__ == "__main__":
    run()
