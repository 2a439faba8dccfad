"""Synthetic catalogs and caseloads of any size, deterministic from a seed.

Realistic enough to load the code the way real data would: names in many scripts,
varied prerequisites, GRE scores and budgets; programs across states, deliveries,
credits, rates and GRE policies.
"""

from __future__ import annotations

import random
from decimal import Decimal

from gradmatch import locations
from gradmatch.domain.catalog import Catalog, Program
from gradmatch.domain.catalog_parse import parse_catalog
from gradmatch.domain.profile import Status, StudentProfile, Subject
from gradmatch.domain.us_states import US_STATES
from gradmatch.services.database import Database
from gradmatch.store import catalog_repo

GIVEN = ["Zoë", "Ana", "李", "Дмитрий", "Nguyễn", "Amara", "Søren", "Fatima", "José", "Aiko",
         "Oluwaseun", "Priya", "Mateo", "Chloé", "Ömer", "Ιωάννης", "محمد", "Leilani"]  # fmt: skip
FAMILY = ["Ñúñez-Ørsted", "Okonkwo", "Волков", "Hernández", "小龍", "Müller", "O'Brien",
          "Kowalski", "Papadopoulos", "Tanaka", "Singh", "Ndiaye", "Ramírez"]  # fmt: skip
STATES = sorted(c for c in US_STATES if c not in ("PR", "GU", "VI"))


def programs(count: int, seed: int = 1) -> list[Program]:
    rng = random.Random(seed)
    result = []
    for index in range(count):
        credits = rng.choice([30, 30, 30, 32, 33, 36, 45])
        rate = Decimal(rng.randrange(400_00, 3_000_00)) / 100
        split = rng.random() < 0.3
        cost = (
            {"in_state": rate, "out_of_state": (rate * Decimal("1.8")).quantize(Decimal("0.01"))}
            if split
            else {"flat": rate}
        )
        total = {k: (v * credits).quantize(Decimal("0.01")) for k, v in cost.items()}
        mode = rng.choice(["campus", "online"])
        policy = rng.choice(["required", "optional", "not_required", "conditional"])
        result.append(
            Program.model_validate(
                {
                    "id": f"synthetic-{index:05d}",
                    "school": f"University {index} of {rng.choice(FAMILY)}",
                    "city": "Springfield",
                    "state": rng.choice(STATES),
                    "program": f"Master of Science in Machine Learning {index}",
                    "mode": mode,
                    "delivery": rng.choice([mode, "both"]),
                    "artiba": rng.random() < 0.3,
                    "credits": credits,
                    "cost_per_credit": cost,
                    "stated_total": total,
                    "gre": {"policy": policy, "text": policy.replace("_", " ").capitalize()},
                    "as_of": "2026-01",
                }
            )
        )
    return result


def students(count: int, seed: int = 2) -> list[StudentProfile]:
    rng = random.Random(seed)
    result = []
    for index in range(count):
        has_gre = rng.random() < 0.6
        result.append(
            StudentProfile.model_validate(
                {
                    "full_name": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {index}",
                    "email": f"student{index}@example.org",
                    "student_id": f"SYN-{index:06d}",
                    "residency": {"country": "US", "state": rng.choice(STATES)},
                    "gpa": {"value": Decimal(rng.randrange(250, 400)) / 100, "scale": 4},
                    "gre": (
                        {
                            "verbal": rng.randrange(140, 171),
                            "quant": rng.randrange(140, 171),
                            "writing": Decimal(rng.randrange(6, 13)) / 2,
                            "taken_on": f"{rng.randrange(2021, 2026)}-0{rng.randrange(1, 10)}-15",
                        }
                        if has_gre
                        else None
                    ),
                    "will_take_gre": rng.random() < 0.5,
                    "prerequisites": {s.value: rng.choice(list(Status)).value for s in Subject},
                    "budget": {"max_total_cost": rng.randrange(15_000, 120_000)},
                    "preferences": {
                        "delivery": rng.choice(["campus", "online", "either"]),
                        "relocate": rng.random() < 0.6,
                        "part_time": rng.random() < 0.3,
                    },
                }
            )
        )
    return result


def catalog(count: int, seed: int = 1) -> Catalog:
    """The shipped catalog (source, rankings, claims) grown to ``count`` programs with
    synthetic ones."""
    shipped = parse_catalog(locations.shipped_catalog().read_bytes(), "programs.json")
    extra = programs(max(count - len(shipped.programs), 0), seed)
    return shipped.model_copy(update={"programs": (*shipped.programs, *extra)})


def store_catalog(db: Database, count: int, seed: int = 1) -> None:
    """Replace ``db``'s catalog with :func:`catalog` of ``count`` programs."""
    with db.unit_of_work() as session:
        catalog_repo.replace_catalog(session, catalog(count, seed), f"synthetic-{count}.json")


def store_students(db: Database, count: int, seed: int = 11) -> None:
    """Add ``count`` synthetic students to ``db`` in one roster import (one transaction)."""
    from gradmatch.domain.roster import Roster, RosterRow
    from gradmatch.services import students as student_service

    rows = tuple(
        RosterRow(i + 2, {}, profile, ()) for i, profile in enumerate(students(count, seed))
    )
    student_service.import_roster(db, Roster(rows, (), ","), skip_invalid=False)
