"""A case and its rows, loaded once per use case, in a number of statements that does not grow with the rows.

A use case (a trigger, a case read, a page of cases) reads each case in two statements and never again:

1. the case with its two parties, in one statement (the two parties joined by their role, which is unique per
   case); a trigger locks the case's row here (``FOR UPDATE OF cases`` on PostgreSQL; SQLite's writers already
   hold the database's write lock);
2. every other row of the case that the workflow, the letters and the views read: the open time limits, the
   awards, the representations, the hearing requests, the entry in the register of money awards, the
   determinations, the connected complaints and the headings of the letters. They come in one ``UNION ALL``
   statement, each row as one JSON object made by the database, for one case or for a whole page of cases.

Everything downstream reads from the ``CaseRecord`` this makes: the snapshot the guards judge, the effects'
writers, the letters and the views. A writer that adds a row adds it through ``CaseRecord.add``, so the record
stays the case as the transaction now has it and nothing reads the database again to learn what it just wrote.

By job: the record and its snapshot (``record``), the loading of cases (``loading``), and the statement of their
rows (``rows``). Every name is importable from here.
"""

from ombudsman.repository.loading import cases_where, load, load_many
from ombudsman.repository.record import COMPLAINANT, RESPONDENT, CaseRecord, LetterHeading
from ombudsman.repository.rows import ROWS, Rows, rows_of_cases

__all__ = [
    "COMPLAINANT",
    "RESPONDENT",
    "ROWS",
    "CaseRecord",
    "LetterHeading",
    "Rows",
    "cases_where",
    "load",
    "load_many",
    "rows_of_cases",
]
