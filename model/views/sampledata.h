// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "record/shardtimeline.h"

#include <QList>

namespace mrp {

// Deterministic, plausible shard timelines (for the Run page's demo, screenshots and the
// timeline benchmark): `count` shards run `concurrency` at a time, with retries, failures and
// — when `nowMs` > 0 — the shards still running at that time left open. Same seed, same data.
QList<ShardTimeline> makeSampleShards(int count, int concurrency, quint32 seed, qint64 nowMs = -1);

} // namespace mrp
