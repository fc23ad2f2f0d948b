"""Awards in a determination (DISP 3.7), and contributions by several respondents (DISP 3.6.3G).

The Handbook text, closely paraphrased, with each limb named as the code names it:

DISP 3.7.1R   A determination in the complainant's favour may include one or more of: (1) a money
              award (``money``), (2) an interest award (``interest``), (3) a costs award (``costs``),
              (4) a direction that the respondent take steps (``directions``). Only in the complainant's
              favour (``uphold`` or ``partly_uphold``): :func:`awards_may_go_with`.
DISP 3.7.2R   A money award may be such amount as the Ombudsman considers fair compensation for
              (1) financial loss, (2) pain and suffering, (3) damage to reputation, (4) distress or
              inconvenience: the four :class:`MoneyHead` values.
DISP 3.7.4R   The maximum money award is the limit in force (``limit``): £150,000 in the edition this
              project implements, and £100,000 for a complaint referred before 1 January 2012 under its
              transitional provisions; the ``published`` rulebook holds the later limits by referral and act
              date.
DISP 3.7.5R   The maximum does not include (1) interest on the money award, (2) costs, (3) interest on
              costs: they are added after the cap and never count against it.
DISP 3.7.6G   If fair compensation is more than the maximum, the Ombudsman may recommend that the respondent
              pays the balance (``recommended_balance``). A recommendation does not bind; the award is
              capped, the claim is never refused for being above the limit.
DISP 3.7.8R   An interest award may provide for interest on the money award at a rate (``rate_percent``)
              from a date (``from``). Here: simple interest on a 365-day year, rounded to the penny.
DISP 3.7.9R   A costs award may require the respondent to pay the complainant's costs, with interest on
              them at a rate and from a date.
DISP 3.7.11R  A direction requires the respondent to take such steps as the Ombudsman considers just and
              appropriate.
DISP 3.5.14R  If the respondent fails to comply with a time limit, the Ombudsman may proceed, and the award
              may provide for material distress or inconvenience caused by that failure
              (``respondent_missed_time_limit``).
DISP 2.8.2R(2) On a complaint about several events, each money line may name the events it redresses
              (``events``), only events in jurisdiction, and the limit applies once to the money award
              (:func:`money_lines_may_name`, :func:`limit_for_events`).
DISP 3.6.3G   Where complaints against several respondents arise from connected circumstances, the
              Ombudsman may determine that each pays a contribution in proportions (:func:`apportion`).

Pure: the referral and act dates choose the limit, ``as_of`` is the date interest is accrued to, and
nothing here reads the clock. Money is exact ``Decimal`` pounds and pence, rounded only by
:func:`ombudsman.money.pence`.

By job: the awards as given and their calculation (``calculation``), interest and costs (``interest``), the
events of a complaint about several that money lines redress and their limit (``events``), and
contributions of connected complaints' respondents (``contributions``). Every name is importable from here.
"""

from ombudsman.rules.awards.calculation import (
    IN_THE_COMPLAINANTS_FAVOUR,
    ZERO,
    AwardCalculation,
    AwardsIn,
    Direction,
    MoneyHead,
    MoneyLine,
    asks_respondent_to_act,
    awards_may_go_with,
    calculate_award,
)
from ombudsman.rules.awards.contributions import (
    Contribution,
    ContributionAward,
    apportion,
    contributions_may_name,
    respondents_balance,
    respondents_part,
)
from ombudsman.rules.awards.events import (
    LimitsDiffer,
    acts_redressed,
    limit_for_events,
    money_lines_may_name,
    one_limit_applies,
)
from ombudsman.rules.awards.interest import (
    PERCENT_DAYS_IN_YEAR,
    CostsAward,
    CostsTerms,
    InterestAward,
    InterestTerms,
    simple_interest,
)

__all__ = [
    "IN_THE_COMPLAINANTS_FAVOUR",
    "PERCENT_DAYS_IN_YEAR",
    "ZERO",
    "AwardCalculation",
    "AwardsIn",
    "Contribution",
    "ContributionAward",
    "CostsAward",
    "CostsTerms",
    "Direction",
    "InterestAward",
    "InterestTerms",
    "LimitsDiffer",
    "MoneyHead",
    "MoneyLine",
    "acts_redressed",
    "apportion",
    "asks_respondent_to_act",
    "awards_may_go_with",
    "calculate_award",
    "contributions_may_name",
    "limit_for_events",
    "money_lines_may_name",
    "one_limit_applies",
    "respondents_balance",
    "respondents_part",
    "simple_interest",
]
