"""Driver factory and the two ways the rest of sikerja talks to Neo4j."""

from __future__ import annotations

import logging
from typing import Any, LiteralString

import neo4j
from neo4j import GraphDatabase, Query, RoutingControl

from sikerja.loader.settings import Settings

# The driver logs each retry as a warning; sikerja reports failures itself.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False


def connect(settings: Settings | None = None) -> neo4j.Driver:
    """One driver per process; it is thread-safe and pools connections.

    Works the same for ``bolt://`` (the local server) and ``neo4j://`` (a
    cluster or Aura with routing).
    """
    s = settings or Settings.from_env()
    # Server notifications (e.g. "property key does not exist" for optional
    # columns no agency used yet) are for query authors, not for users.
    driver = GraphDatabase.driver(
        s.uri, auth=(s.user, s.password), user_agent="sikerja", notifications_min_severity="OFF",
        connection_timeout=10, max_transaction_retry_time=15,
    )
    try:
        driver.verify_connectivity()  # an unreachable server fails now, not after the retries
    except Exception:
        driver.close()
        raise
    return driver


def database(settings: Settings | None = None) -> str:
    return (settings or Settings.from_env()).database


def read(driver: neo4j.Driver, text: LiteralString, db: str, *, tag: str = "", timeout: float | None = None,
         **params: Any) -> list[dict[str, Any]]:
    """Run a read query on a reader (routing READ) and return its rows as dicts."""
    records, _, _ = driver.execute_query(
        Query(text, metadata={"app": "sikerja", "tag": tag}, timeout=timeout),
        parameters_=params, database_=db, routing_=RoutingControl.READ,
    )
    return [r.data() for r in records]


def write(driver: neo4j.Driver, text: LiteralString, db: str, *, tag: str = "", **params: Any) -> neo4j.ResultSummary:
    """Run one write query in its own transaction (with the driver's retries)."""
    _, summary, _ = driver.execute_query(
        Query(text, metadata={"app": "sikerja", "tag": tag}),
        parameters_=params, database_=db, routing_=RoutingControl.WRITE,
    )
    return summary
