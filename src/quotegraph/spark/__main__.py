"""`python -m quotegraph.spark` and `spark-submit .../quotegraph/spark/__main__.py`: the
`quotegraph spark` command (imports are absolute: spark-submit runs this file as a script)."""
from quotegraph.cli.spark import spark

spark(prog_name="quotegraph-spark")
