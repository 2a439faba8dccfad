"""Guidance from the source article that every shortlist carries."""

from __future__ import annotations

HOW_TO_CHOOSE: tuple[str, ...] = (
    "Does the program match your target role?",
    "Does it emphasize ML theory, applied ML, or production ML?",
    "Does it include enough math, statistics, and algorithms?",
    "Does it offer your preferred specialization, such as NLP, computer vision, generative AI, "
    "robotics, recommender systems, or MLOps?",
    "Is the program thesis-based, capstone-based, practicum-based, or coursework-only?",
    "Can you enroll part time?",
    "Is the GRE required, optional, or waived?",
    "Are prerequisites clearly listed?",
    "Is tuition transparent?",
    "Are online students eligible for the same courses and faculty?",
    "Does the program offer career support?",
    "Does the school publish outcomes or employer connections?",
    "Are assistantships, scholarships, or employer reimbursement available?",
    "Is the institution regionally accredited?",
    "Does the program help students build portfolio-ready projects?",
)

CAVEATS: tuple[str, ...] = (
    "Tuition figures come from the source article's program cards (tuition as of January "
    "2026) and have not been verified against the universities' own pages unless marked "
    "verified. The article itself says every card must be verified before it is relied on.",
    "Fees, books, housing, relocation and bridge-course costs are counselor estimates, not "
    "figures from the article; each line of a cost table says where its number comes from.",
    "No estimate here promises that the degree will pay for itself: the article warns against "
    "claims that it will “break even” quickly or guarantee hiring.",
    "Where the article contradicts itself (two totals for one program, a stated total that is "
    "not credits × rate), the estimate uses credits × rate and the page says so.",
)
