"""DISP 3.4: referring a complaint to another complaints scheme.

DISP 3.4.1R   The Ombudsman may refer a complaint to another complaints scheme where (1) he considers that it
              would be more suitable for the matter to be determined by that scheme, and (2) the complainant
              consents to the referral: :func:`may_refer_elsewhere`. (1) is the Ombudsman's judgment, given as
              the reasons; (2) is a fact the engine checks.

Pure: the scheme and the complainant's consent come in; a Finding goes out.
"""

from __future__ import annotations

from ombudsman.citations import cite
from ombudsman.rules.finding import Finding


def may_refer_elsewhere(scheme: str, complainant_consents: bool) -> Finding:
    """DISP 3.4.1R(2): only with the complainant's consent."""
    if not complainant_consents:
        return Finding(
            "may_refer_elsewhere",
            False,
            "A complaint can be referred to another scheme only with the complainant's consent.",
            cite("DISP 3.4.1R"),
        )
    return Finding("may_refer_elsewhere", True, f"The complainant agrees to refer it to {scheme}.", cite("DISP 3.4.1R"))
