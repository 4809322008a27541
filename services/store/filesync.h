// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Two file-system primitives Qt does not offer, for moving a finished file into the run store
// without reading it (docs/design.md §2.4). Platform code: POSIX and Windows in filesync.cpp.
// Any thread; blocking.

#include <QString>

namespace mrp::filesync {

// Flushes the file's content to the disk (fsync; FlushFileBuffers on Windows), as QSaveFile
// does before its rename. False + *error (translated, naming the file) on failure.
bool syncFile(const QString &path, QString *error);

enum class RenameResult { Renamed, OtherFileSystem, Failed };

// Renames `from` to `to`, replacing `to`, and never copies: OtherFileSystem when the two are
// on different file systems (the caller copies then). Failed + *error otherwise.
RenameResult renameReplacing(const QString &from, const QString &to, QString *error);

} // namespace mrp::filesync
