"""The DISP paragraph numbers this project cites: the one place they are written.

Copied from the paragraph table of the DISP edition this project implements. Everything that cites (rules,
workflow steps, audit events, letters, API errors) calls :func:`cite`, which refuses a paragraph that is not in
this table, so a typo fails at import time rather than in a letter.
"""

from __future__ import annotations

import re

PARAGRAPHS: dict[str, str] = {
    "DISP 1.6.1R": "acknowledge the complaint promptly; keep the complainant informed",
    "DISP 1.6.2R": "final response by the end of eight weeks, telling the complainant of the six-month limit",
    # DISP 2.3 to 2.6 are cited by section, as the workflow contract does: the table numbers no paragraph of them.
    "DISP 2.3": "the activities the Compulsory Jurisdiction covers",
    "DISP 2.4": "the activities the Consumer Credit Jurisdiction covers",
    "DISP 2.5": "the activities the Voluntary Jurisdiction covers",
    "DISP 2.6": "the territorial scope of each jurisdiction",
    "DISP 2.6.1R(2)": "the Compulsory Jurisdiction also covers an EEA UCITS management company's cross-border "
    "management of a UCITS scheme",
    "DISP 2.7.3R(2)(a)": "for payment services, a micro-enterprise when the contract was made or when the "
    "complaint was referred to the respondent",
    "DISP 2.7.1R": "only complaints by or for an eligible complainant",
    "DISP 2.7.2R": "a complaint may be brought by a person authorised by the complainant or by law",
    "DISP 2.7.3R": "consumer; micro-enterprise; charity under £1m income; trustee of a trust under £1m net assets",
    "DISP 2.7.6R": "the qualifying relationships with the respondent",
    "DISP 2.7.9R": "complainants who are not eligible",
    "DISP TP 1 row 1B": "for an act or omission before 1 November 2007, DISP 2.7.9R(2) excludes an intermediate "
    "customer or market counterparty",
    "DISP TP 1 row 21": "a business with a group annual turnover under £1 million when it referred the complaint to "
    "the respondent, complaining about a contract made before 1 November 2009, is an eligible complainant",
    "DISP 2.8.1R": "the respondent has sent its final response or has had eight weeks",
    "DISP 2.8.2R(1)": "not if referred more than six months after the final response",
    "DISP 2.8.2R(2)": "not if referred more than six years after the event or three years after awareness",
    "DISP 2.8.2R(3)": "unless the failure to meet a time limit was the result of exceptional circumstances",
    "DISP 2.8.2R(5)": "unless the respondent has not objected (the seed edition's words; for a complaint referred "
    "from 9 July 2015, has consented) to the Ombudsman considering it",
    "DISP 2.8.3G": "only a final response that tells of the six-month limit starts it",
    "DISP 2.8.4G": "an example of exceptional circumstances: incapacity",
    "DISP 2.7.5G": "eligibility is decided on appropriate evidence",
    "DISP 3.2.1R": "the Ombudsman considers whether a complaint is out of jurisdiction",
    "DISP 3.2.2R": "a complaint the respondent has not yet had its time for is referred to the respondent",
    "DISP 3.2.3R": "the respondent alleges the complaint is out of jurisdiction: both parties may make representations",
    "DISP 3.2.4R": "the Ombudsman thinks it may be out of jurisdiction: the complainant may make representations",
    "DISP 3.2.5R": "decided out of jurisdiction: reasons to the complainant, the respondent informed",
    "DISP 3.2.6R": "decided in jurisdiction: the complainant informed, reasons to the respondent",
    "DISP 3.3.1R": "before dismissing without considering the merits, the complainant may make representations",
    "DISP 3.3.2R": "dismissed: reasons to the complainant, the respondent informed",
    "DISP 3.3.4R": "the grounds for dismissal without considering the merits",
    "DISP 3.3.5R": "dismissal so that a court may consider a test case",
    "DISP 3.3.5R(1)(b)": "the respondent's undertaking to pay the complainant's costs and disbursements of the "
    "proceedings at first instance and any subsequent appeal proceedings brought by the respondent",
    "DISP 3.3.6G": "factors for a test-case dismissal",
    "DISP 3.4.1R": "referral to a more suitable complaints scheme, with the complainant's consent",
    "DISP 3.5.1R": "resolve at the earliest possible stage, by mediation or investigation",
    "DISP 3.5.3R": "connected complaints are investigated together, decided separately per respondent",
    "DISP 3.5.4R": "investigation: representations, provisional assessment, disagreement leads to determination",
    "DISP 3.5.4R(1)": "both parties may make representations",
    "DISP 3.5.4R(2)": "a provisional assessment with reasons and a response time limit",
    "DISP 3.5.4R(3)": "a party who disagrees in time leads to a determination",
    "DISP 3.5.5R": "no hearing if the complaint can be fairly determined without one; none after determination",
    "DISP 3.5.6R": "a hearing request is made in writing, naming the issues and any reasons for privacy",
    "DISP 3.5.7G": "whether to hold a hearing, and whether in public or in private",
    "DISP 3.5.9R": "the Ombudsman's powers over evidence",
    "DISP 3.5.9R(2)": "the Ombudsman may accept information in confidence",
    "DISP 3.5.9R(4)": "dismissal when the complainant fails to supply requested information",
    "DISP 3.5.13R": "the Ombudsman may fix and extend time limits",
    "DISP 3.5.14R": "the respondent misses a time limit: the award may provide for distress or inconvenience",
    "DISP 3.5.15R": "the complainant misses a time limit: proceed, or dismiss",
    "DISP 3.6.1R": "determination by what is fair and reasonable in all the circumstances",
    "DISP 3.6.3G": "several respondents may be ordered to contribute in proportions",
    "DISP 3.6.6R": "the determination and the complainant's acceptance",
    "DISP 3.6.6R(1)": "a signed written statement of the determination, with reasons, to both parties",
    "DISP 3.6.6R(2)": "the complainant is asked to accept or reject before a specified date",
    "DISP 3.6.6R(3)": "accepted in time: final and binding",
    "DISP 3.6.6R(4)": "not accepted in time: treated as rejected, neither party bound",
    "DISP 3.6.6R(4A)": "a late acceptance counts if never rejected and caused by exceptional circumstances",
    "DISP 3.6.6R(5)": "the respondent is told the outcome",
    "DISP 3.6.6AR": "correcting a clerical mistake in the written statement",
    "DISP 3.6.7R": "published reports of determinations, without identifying the complainant unless they agree",
    "DISP 3.7.1R": "a determination may include a money award, an interest award, a costs award, a direction",
    "DISP 3.7.2R": "money award heads: financial loss, pain and suffering, damage to reputation, distress",
    "DISP 3.7.4R": "the maximum money award",
    "DISP 3.7.5R": "interest on the money award, costs and interest on costs are outside the maximum",
    "DISP 3.7.6G": "the Ombudsman may recommend that the respondent pays the balance above the maximum",
    "DISP 3.7.7R": "the register of money awards",
    "DISP 3.7.8R": "an interest award: a rate, from a date",
    "DISP 3.7.9R": "a costs award, with interest on it",
    "DISP 3.7.11R": "directions to take steps that are just and appropriate",
    "DISP 3.7.12R": "the respondent must comply promptly with awards, directions and settlements",
    "DISP 3.8.1R": "regard to the parties' privacy",
    "DISP 3.8.2R": "disclosure to a regulator",
    "DISP 3.9.1R": "staff may exercise the Ombudsman's powers except determining and authorising disclosure",
}

# DISP 3.3.4R: the grounds for dismissal without considering the merits, by sub-paragraph.
DISMISSAL_GROUNDS: dict[str, str] = {
    "1": "the complainant has not suffered (or is unlikely to suffer) financial loss, material distress or "
    "material inconvenience",
    "2": "the complaint is frivolous or vexatious",
    "3": "the complaint clearly has no reasonable prospect of success",
    "4": "the respondent has made a fair and reasonable offer of compensation (or goodwill payment) that is "
    "still open for acceptance",
    "5": "the respondent has reviewed the subject matter under the regulatory standards for such reviews (or "
    "the regulator's formal requirements, standards or guidance for that type of complaint), and that review "
    "addressed the particular circumstances of the case",
    "5A": "the respondent has reviewed it and issued a redress determination under a consumer redress scheme",
    "6": "the subject matter was previously considered or excluded by the Ombudsman or a former scheme, and "
    "there is no material new evidence likely to affect the outcome",
    "7": "it has been or is being dealt with by a comparable independent complaints scheme or dispute-resolution "
    "process",
    "8": "it has been the subject of court proceedings with a decision on the merits",
    "9": "it is the subject of current court proceedings, which have not been stayed or sisted (by agreement of "
    "all parties, or order of the court) so that the Ombudsman may consider it",
    "10": "it would be more suitably dealt with by a court, arbitration or another complaints scheme",
    "11": "it is about the legitimate exercise of the respondent's commercial judgment",
    "12": "it is about employment matters, from an employee or employees of the respondent",
    "13": "it is about investment performance",
    "14": "it is about the respondent's decision when exercising a discretion under a will or private trust",
    "15": "it is about the respondent's failure to consult beneficiaries before exercising such a discretion, "
    "where there is no legal obligation to consult",
    "16": "it involves more than one eligible complainant, was referred without the others' consent, and dealing "
    "with it without that consent would be inappropriate",
    "16A": "it is about a pure landlord and tenant issue arising out of a regulated sale and rent back agreement",
    "17": "there are other compelling reasons why it is inappropriate to deal with it under the Ombudsman service",
}


# The grounds of dismissal outside DISP 3.3.4R, each with its paragraph and its words.
OTHER_DISMISSAL_GROUNDS: dict[str, tuple[str, str]] = {
    "test_case": (
        "DISP 3.3.5R",
        "a court would more suitably deal with it as a test case: it raises an important or novel point of law "
        "with important consequences",
    ),
    "information_not_supplied": ("DISP 3.5.9R(4)", "the complainant has not supplied the information we asked for"),
    "time_limit_missed": ("DISP 3.5.15R", "the complainant has not kept to a time limit we set"),
}


def ground_text(ground: str) -> str:
    """What a dismissal ground says, as a letter gives it ("This is because we consider that ...")."""
    if ground in OTHER_DISMISSAL_GROUNDS:
        return OTHER_DISMISSAL_GROUNDS[ground][1]
    return DISMISSAL_GROUNDS[ground]


class UnknownParagraph(KeyError):
    """A citation that is not in the project's table of paragraphs."""


class Citation(str):
    """One or more DISP paragraphs, each checked against the table: ``paragraphs`` is the value, and the text
    (what a reader sees, what the API sends, what compares equal) is the paragraphs joined by ", ".

    Make one with ``cite``; a citation read back as text (from the audit trail, from an award's stored
    calculation) becomes one again through ``Citation.read``.
    """

    paragraphs: tuple[str, ...]

    def __new__(cls, paragraphs: tuple[str, ...]) -> Citation:
        citation = super().__new__(cls, ", ".join(paragraphs))
        citation.paragraphs = paragraphs
        return citation

    @classmethod
    def read(cls, text: str) -> Citation:
        """A citation's text as a citation again, each paragraph checked: an unknown one is an error."""
        if isinstance(text, Citation):
            return text
        return cite(*(part for part in text.split(", ") if part))


def _checked(paragraph: str) -> str:
    ground = _GROUND.match(paragraph)
    if ground is not None:
        if ground.group(1) not in DISMISSAL_GROUNDS:
            raise UnknownParagraph(paragraph)
    elif paragraph not in PARAGRAPHS:
        raise UnknownParagraph(paragraph)
    return paragraph


_GROUND = re.compile(r"^DISP 3\.3\.4R\((\w+)\)$")


def cite(*parts: str) -> Citation:
    """The citation of one or more paragraphs (or of citations already made), each checked against the table.

    >>> cite("DISP 2.8.1R", "DISP 3.2.2R")
    'DISP 2.8.1R, DISP 3.2.2R'
    >>> cite("DISP 2.8.1R", "DISP 3.2.2R").paragraphs
    ('DISP 2.8.1R', 'DISP 3.2.2R')
    """
    paragraphs: list[str] = []
    for part in parts:
        paragraphs.extend(part.paragraphs if isinstance(part, Citation) else (_checked(part),))
    return Citation(tuple(paragraphs))


def dismissal_ground(ground: str) -> Citation:
    """The citation of one ground of dismissal: a DISP 3.3.4R sub-paragraph such as ``DISP 3.3.4R(16A)``, or a
    ground of its own paragraph (``test_case``: DISP 3.3.5R; ``information_not_supplied``: DISP 3.5.9R(4);
    ``time_limit_missed``: DISP 3.5.15R)."""
    if ground in OTHER_DISMISSAL_GROUNDS:
        return cite(OTHER_DISMISSAL_GROUNDS[ground][0])
    return cite(f"DISP 3.3.4R({ground})")


def meaning(paragraph: str) -> str:
    """What one cited paragraph says, in a line: from the table, or for a DISP 3.3.4R ground, its words."""
    ground = _GROUND.match(paragraph)
    if ground is not None:
        return f"the Ombudsman may dismiss a complaint where {DISMISSAL_GROUNDS[ground.group(1)]}"
    return PARAGRAPHS[_checked(paragraph)]
