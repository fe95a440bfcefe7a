"""quotegraph on Apache Spark: the same `extract_many`, per partition, on a cluster.

`job` (driver: inputs, partitioning, output), `partition` (what runs on the Python
workers), `schema` (the record as a Parquet table), `records` (reading that table back
without Spark), `aggregates` (corpus-wide Spark SQL). pyspark is imported only by what
needs it: `pip install 'quotegraph[spark]'`.
"""
