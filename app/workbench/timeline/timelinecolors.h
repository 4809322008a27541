// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "record/shardtimeline.h"

#include <QColor>
#include <QPalette>

namespace mrp {

// Colours of the timeline and state badges, derived from a palette: the same hues everywhere,
// lighter and less saturated on dark palettes so they stay readable. Recompute on PaletteChange.
struct TimelineColors {
    QColor phase[ShardPhaseCount]; // indexed by ShardPhase
    QColor failed;            // failed attempt marker / Failed state
    QColor cancelled;         // cancel marker / Cancelled state
    QColor done;
    QColor running;
    QColor queued;
    QColor outline;           // thin separators between phases and attempts
    QColor text;              // labels painted on top of segments
    QColor grid;              // time-axis grid lines in the rows
    bool dark = false;

    QColor forPhase(ShardPhase p) const { return phase[int(p)]; }
    QColor forState(ShardState s) const;

    static TimelineColors fromPalette(const QPalette &palette);
};

} // namespace mrp
