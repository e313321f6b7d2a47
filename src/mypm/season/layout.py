"""Names in a season folder. The folder names are words of the office's files, Chinese in every
language like the sheet names the forms carry: they live in `mypm.text.vocabulary`."""

from __future__ import annotations

from mypm.text.vocabulary import (
    OFFICE,
    RECEIVED,
    RESULT_NAMES,
)
from mypm.text.vocabulary import (
    SEASON_EVIDENCE_FOLDER as EVIDENCE_FOLDER,
)
from mypm.text.vocabulary import (
    SEASON_FORMS_FOLDER as FORMS_FOLDER,
)
from mypm.text.vocabulary import (
    SEASON_RESULTS_FOLDER as RESULTS_FOLDER,
)
from mypm.text.vocabulary import (
    SEASON_RETURNED_FOLDER as RETURNED_FOLDER,
)
from mypm.text.vocabulary import (
    SEASON_RULES_FOLDER as RULES_FOLDER,
)

__all__ = [
    "EVIDENCE_FOLDER",
    "FORMS_FOLDER",
    "OFFICE",
    "RECEIVED",
    "RESULTS_FOLDER",
    "RESULT_NAMES",
    "RETURNED_FOLDER",
    "RULES_FOLDER",
]

CONFIG_NAME = "season.yaml"
SCHEMA_NAME = "season.schema.json"
LEDGER_NAME = "ledger.sqlite"
SEASON_VARIABLE = "MYPM_SEASON"
MAX_FILE_NAME = 100  # characters of a canonical file name, extension included
