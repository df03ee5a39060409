"""Engines that run the pipeline beyond one process: Ray Data over a cluster (``veille ingest --engine
ray``). The single-machine process pool is ``veille.parallel``."""

from __future__ import annotations

from .ray_engine import RAY_MISSING, ingest_with_ray, ray_records, write_parquet

__all__ = ["RAY_MISSING", "ingest_with_ray", "ray_records", "write_parquet"]
