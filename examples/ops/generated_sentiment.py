# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
# Operator generated from the prompt: "score each review's sentiment between -1 and 1 with a
# small word lexicon; label it positive, negative or neutral".
# Used by examples/cloud_generated.yaml. Pure: reads its records, returns a value.

import math
from collections import Counter

POSITIVE = {"great": 1.0, "excellent": 1.0, "love": 0.9, "wonderful": 0.9, "fast": 0.5, "reliable": 0.6, "happy": 0.7}
NEGATIVE = {"bad": -0.8, "slow": -0.5, "broken": -1.0, "terrible": -1.0, "hate": -0.9, "late": -0.5, "poor": -0.7}


def _score(text):
    tokens = Counter(text.lower().split())
    raw = 0.0
    for word, n in tokens.items():
        raw += n * (POSITIVE.get(word, 0.0) + NEGATIVE.get(word, 0.0))
    # Squash into (-1, 1) so long reviews do not dominate.
    return round(math.tanh(raw / 2.0), 4)


def _label(score):
    if score > 0.2:
        return "positive"
    if score < -0.2:
        return "negative"
    return "neutral"


def map_shard(records):
    out = []
    for record in records:
        score = _score(record.get("text", ""))
        out.append({"id": record["id"], "score": score, "label": _label(score)})
    return out
