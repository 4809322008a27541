// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The run store's one form of a shard's attempts (shards.attempts_blob): packed
// attempts one after the other, so that opening a 100,000-shard run reads no JSON. Private to
// the run store; the format is described in attemptcodec.cpp.

#include "record/runrecord.h"

#include <QByteArray>
#include <QList>

namespace mrp {

QByteArray packAttempt(const AttemptRecord &attempt);
// Every attempt of a blob, by attempt number (a number appended again replaces the earlier
// one). False when the blob is damaged or of an unknown format.
bool unpackAttempts(const QByteArray &blob, QList<AttemptRecord> *out);

} // namespace mrp
