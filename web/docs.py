"""Swagger UI's own files, served from the installed package: the docs page at
/api/docs works with no internet connection."""

from __future__ import annotations

from flask import Blueprint, send_from_directory
from swagger_ui_bundle import swagger_ui_path

ASSETS_URL = "/api/docs/assets/"

assets = Blueprint("docs_assets", __name__)


@assets.route(f"{ASSETS_URL}<path:filename>")
def swagger_ui_asset(filename: str):
    return send_from_directory(swagger_ui_path, filename)
