"""The one place that reads ``.cypher`` resources.

A file may begin with a header of ``// key: value`` lines (YAML once the
``//`` is taken off); the rest is Cypher. A file may hold several statements,
each ending with ``;`` at the end of a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, LiteralString, cast

import yaml


@dataclass(frozen=True)
class CypherFile:
    name: str
    header: dict[str, Any] = field(default_factory=dict)
    body: str = ""

    @property
    def statements(self) -> list[LiteralString]:
        parts = [p.strip() for p in self.body.split(";\n")]
        return [cast(LiteralString, p.rstrip(";").strip()) for p in parts if p.strip(" ;\n")]

    @property
    def named(self) -> dict[str, LiteralString]:
        """Statements introduced by a ``// name: X`` line, in file order."""
        out: dict[str, LiteralString] = {}
        for chunk in self.body.split("// name: ")[1:]:
            name, _, rest = chunk.partition("\n")
            lines = [ln for ln in rest.splitlines() if not ln.startswith("//")]
            out[name.strip()] = cast(LiteralString, "\n".join(lines).strip().rstrip(";").strip())
        return out

    @property
    def query(self) -> LiteralString:
        stmts = self.statements
        if len(stmts) != 1:
            raise ValueError(f"{self.name}: expected one statement, found {len(stmts)}")
        return stmts[0]


def parse(name: str, text: str) -> CypherFile:
    header_lines: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines) and (lines[i].startswith("//") or not lines[i].strip()):
        if lines[i].startswith("// name:"):
            break
        if lines[i].startswith("//"):
            header_lines.append(lines[i][2:].removeprefix(" "))
        i += 1
    header_text = "\n".join(header_lines)
    try:
        header = yaml.safe_load(header_text) if header_text.strip() else {}
    except yaml.YAMLError:
        header = {}  # a plain comment, not a header
    if not isinstance(header, dict):
        header = {}
    return CypherFile(name=name, header=header, body="\n".join(lines[i:]).strip() + "\n")


INCLUDE = re.compile(r"^(\s*)@include\s+([\w./-]+\.cypher)\s*$", re.MULTILINE)


@cache
def load(package: str, relpath: str) -> CypherFile:
    """Read ``relpath`` (e.g. ``cypher/schema.cypher``) from the ``sikerja.<package>`` package.

    A body line ``@include other/file.cypher`` is replaced by that file's query
    (from the same package), so a check can wrap a shared measure in
    ``CALL { ... }`` instead of repeating it. Only files of the package can be
    named; nothing from outside ever becomes query text.
    """
    text = (resources.files(f"sikerja.{package}") / relpath).read_text(encoding="utf-8")
    f = parse(relpath, text)

    def inline(m: re.Match[str]) -> str:
        if m.group(2) == relpath:
            raise ValueError(f"{relpath} includes itself")
        included = load(package, m.group(2)).query
        return "\n".join(m.group(1) + line for line in included.splitlines())

    if INCLUDE.search(f.body):
        f = CypherFile(name=f.name, header=f.header, body=INCLUDE.sub(inline, f.body))
    return f
