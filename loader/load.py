"""``sikerja load``: read, validate everything, then replace the agency."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j

from sikerja.loader import write
from sikerja.loader.bundle import BundleError, Table, read_bundle
from sikerja.loader.validate import MAX_PROBLEMS, validate

# profile id -> its permodelan as node rows ({id, nama, dasar, ...}), or None if unknown
ModelsOf = Callable[[str], list[dict[str, Any]] | None]


def read_valid_bundle(path: Path, models_of: ModelsOf) -> dict[str, Table]:
    """The bundle's tables, or BundleError listing every problem (nothing is written)."""
    tables, problems = read_bundle(path)

    def model_ids(profile: str) -> set[str] | None:
        models = models_of(profile)
        return None if models is None else {m["id"] for m in models}

    found, total_found = validate(tables, model_ids)
    if problems or found:
        raise BundleError((problems + found)[:MAX_PROBLEMS], total=len(problems) + total_found)
    return tables


def load_bundle(
    driver: neo4j.Driver,
    db: str,
    path: Path,
    models_of: ModelsOf,
    *,
    progress_factory: Callable[[int], Callable[[str, int], None]] | None = None,
    batch_size: int = write.BATCH,
    workers: int = write.WORKERS,
) -> write.LoadSummary:
    tables = read_valid_bundle(path, models_of)
    profile = tables["instansi"].column("profil")[0]
    models = models_of(profile) or []
    write.ensure_schema(driver, db)
    progress = progress_factory(write.total_rows(tables, models)) if progress_factory else None
    return write.replace_agency(driver, db, tables, models, batch_size=batch_size, workers=workers, progress=progress)
