# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
# A map operator that is not pure: it writes a file next to itself.
def map_shard(records):
    with open("side_effect.txt", "a") as f:
        f.write(str(len(records)))
    return len(records)
