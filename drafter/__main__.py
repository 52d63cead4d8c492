"""`python -m drafter ...` is the `drafter` command (how `drafter serve` starts its
worker, whatever the console script is called on this machine)."""

from .cli import cli

# Guarded: a render process started from `python -m drafter worker` imports this module
# again under another name (multiprocessing's fork server prepares its children so), and
# must not run the command a second time.
if __name__ == "__main__":
    cli()
