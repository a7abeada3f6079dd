"""flask --app wsgi export-data FOLDER: the open data as files, to publish anywhere.

It writes what /api/datapackage.json and /api/data/<name>.csv serve, as the public sees
them (never exempt business): FOLDER/datapackage.json and FOLDER/data/<name>.csv. On a
terminal each file shows a progress bar; otherwise just its name.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from domain.projections.visibility import PUBLIC
from web.exports.csv_files import SOURCES, pages, writer
from web.exports.data import package
from web.exports.reading import counts
from web.requests import reader


def register(app: Flask) -> None:
    app.cli.add_command(export_data_command)


@click.command("export-data")
@click.argument("folder", type=click.Path(file_okay=False, writable=True))
@with_appcontext
def export_data_command(folder: str) -> None:
    """Write the data package and its CSV files (as the public sees them) into FOLDER."""
    read = reader()
    read.before_read(None)
    root = Path(folder)
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "datapackage.json").write_text(json.dumps(package(), indent=2) + "\n")
    lengths = counts(read, PUBLIC)
    for name, (table, rows, each) in SOURCES.items():
        path = root / "data" / f"{name}.csv"
        records = (record for page in pages(rows(read, {}, PUBLIC), each) for record in page)
        written = 0
        with (
            path.open("w", encoding="utf-8", newline="") as out,
            click.progressbar(records, length=lengths[name], label=f"data/{name}.csv") as bar,
        ):
            out_rows = writer(out)
            out_rows.writerow(table.header())
            for record in bar:
                out_rows.writerow(table.row(record))
                written += 1
        click.echo(f"{path}: {written} rows")
