// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "timeline/timelinecolors.h"

namespace mrp {

namespace {
// A hue at a lightness/saturation that suits the background.
QColor tuned(int hue, bool dark, int sat = 150)
{
    return dark ? QColor::fromHsl(hue, std::min(sat, 120), 150) : QColor::fromHsl(hue, sat, 120);
}
} // namespace

TimelineColors TimelineColors::fromPalette(const QPalette &palette)
{
    TimelineColors c;
    c.dark = palette.color(QPalette::Base).lightness() < 128;
    // Queue is "waiting": a neutral shade between text and base, not a hue.
    QColor queue = palette.color(QPalette::Mid);
    if (c.dark)
        queue = palette.color(QPalette::Base).lighter(220);
    c.phase[int(ShardPhase::Queue)] = queue;
    c.phase[int(ShardPhase::Create)] = tuned(210, c.dark);     // blue
    c.phase[int(ShardPhase::Reset)] = tuned(235, c.dark, 110); // indigo: a reused sandbox
    c.phase[int(ShardPhase::Upload)] = tuned(185, c.dark);     // teal
    c.phase[int(ShardPhase::Exec)] = tuned(130, c.dark, 110);  // green
    c.phase[int(ShardPhase::Download)] = tuned(275, c.dark, 90); // violet
    c.failed = c.dark ? QColor::fromHsl(0, 200, 150) : QColor::fromHsl(0, 190, 105);
    c.cancelled = c.dark ? QColor::fromHsl(35, 200, 140) : QColor::fromHsl(32, 220, 100);
    c.done = c.phase[int(ShardPhase::Exec)];
    c.running = c.phase[int(ShardPhase::Create)];
    c.queued = queue;
    c.outline = palette.color(QPalette::Base);
    c.text = palette.color(QPalette::Text);
    c.grid = palette.color(QPalette::Text);
    c.grid.setAlpha(c.dark ? 40 : 30);
    return c;
}

QColor TimelineColors::forState(ShardState s) const
{
    switch (s) {
    case ShardState::Queued:
        return queued;
    case ShardState::Provisioning:
        return phase[int(ShardPhase::Create)];
    case ShardState::Running:
        return phase[int(ShardPhase::Exec)];
    case ShardState::Collecting:
        return phase[int(ShardPhase::Download)];
    case ShardState::Retrying:
        return cancelled;
    case ShardState::Done:
        return done;
    case ShardState::Failed:
        return failed;
    case ShardState::Cancelled:
        return cancelled;
    }
    return queued;
}

} // namespace mrp
