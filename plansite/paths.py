"""Where plansite's own files are: the templates, components and static files.

They ship inside the package (package data), so an installed `plansite`
command finds them wherever it runs; nothing here depends on the current
working folder.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
COMPONENTS = TEMPLATES / "components"  # one folder per component: macro, styles, script, examples
STATIC = PACKAGE / "static"  # base styles, copied into site/static/
SPOKEN_FORMS = STATIC / "css" / "spoken-forms.css"  # in site.css and in every EPUB's stylesheet
# The checkout (or site-packages) holding the package: never a build target.
PROJECT = PACKAGE.parent
