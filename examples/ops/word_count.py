# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
"""Map operator for examples/toy.yaml: counts words in each record's text."""

import re

WORD = re.compile(r"[a-z']+")


def map_shard(records):
    counts = {}
    for record in records:
        for word in WORD.findall(record["text"].lower()):
            counts[word] = counts.get(word, 0) + 1
    return {"counts": counts, "records": len(records)}
