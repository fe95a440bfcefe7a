"""`python -m quotegraph`: the command line."""
from .cli import main

main(prog_name="quotegraph")
