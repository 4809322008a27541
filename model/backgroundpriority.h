// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QByteArrayView>

namespace mrp {

// Work nobody waits on frame by frame — records written, shards packaged and committed, a
// connection warmed, replies received — runs below the thread that draws the window, so that
// on a busy machine the GUI thread gets a core first. Linux: niceness 5 per thread
// (setpriority on a thread id; QThread::LowPriority changes nothing there under the normal
// scheduling policy), still above local sandboxes (10). Elsewhere QThread::LowPriority.
//
// Measured on a 2-core machine with one core left to the workbench
// (tests/bench/tst_bench_gui_watchdog.cpp): at a run's start ~60 ms of plan files and the
// WebSocket warm-up shared the core evenly with the GUI thread, and with 64 downloads of
// 5 MiB the network thread ran ahead and the GUI thread then drained a backlog of replies'
// data in one go — GUI-thread gaps of up to 127 ms; with this work lowered, at most 43 ms.
inline constexpr int BackgroundNiceness = 5;

// Lowers the calling thread, once; it stays lowered (a pool thread serves only such tasks).
void enterBackgroundPriority();

// Lowers the running threads of this process whose name starts with `prefix` (Linux: the
// kernel's 15-byte thread name), e.g. the thread Qt's network access runs on, which Qt starts
// itself. Answers how many were lowered.
int lowerThreadsNamed(QByteArrayView prefix);

} // namespace mrp
