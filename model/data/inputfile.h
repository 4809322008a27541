// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Files named by a job, a profile or a command line, checked before they are read
// (docs/job-format.md, "What a job may read"). A path must name a regular file (after
// symlinks) or a folder: a device (/dev/zero), a named pipe or /dev/stdin never ends or never
// opens, so it is refused before open() instead of hanging or filling memory. Whole-file reads
// are bounded and done in fixed-size chunks, so a file that grows while it is read, or lies
// about its size, still cannot take more than the bound.
//
// The reach of a job: dataset, operator and reducer paths must resolve, after every symlink,
// inside one of the allowed roots (the job file's folder plus folders the user allowed by
// name). pathWithinRoots() is that check. Pure functions; safe from any thread.

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>
#include <QStringList>

namespace mrp {

// Empty when path names a regular file (symlinks followed) of at most maxBytes (< 0: any
// size); otherwise a sentence naming the path and what it is instead ("a device, pipe or
// socket", "a folder", "missing"), without a hint: callers add the one that fits.
QString checkRegularFile(const QString &path, qint64 maxBytes = -1);

// Opens a file checked with checkRegularFile() for reading. False and *error on failure.
bool openRegularFile(QFile *f, qint64 maxBytes, QString *error);

// Reads a whole regular file of at most maxBytes, in 64 KiB chunks; never more than maxBytes + 1
// bytes are held, whatever the file turns out to be. False and *error on failure.
bool readRegularFile(const QString &path, qint64 maxBytes, QByteArray *out, QString *error);

// Where text stops being UTF-8 without NUL bytes (job files and operators must be): the 1-based
// line and column (in characters) of the first NUL byte or invalid UTF-8 sequence.
struct EncodingProblem {
    int line = 0;
    int column = 0;
    bool nul = false;            // a NUL byte; otherwise bytes that are not UTF-8
};
// True when text has such a problem (and *at says where); false for clean UTF-8.
bool findEncodingProblem(QByteArrayView text, EncodingProblem *at);

// The canonical path (symlinks resolved) of an existing file or folder, or empty.
QString canonicalPath(const QString &path);

// True when path exists and its canonical form equals one of roots or lies below one of them.
// roots are resolved too; a root that does not exist allows nothing.
bool pathWithinRoots(const QString &path, const QStringList &roots);

} // namespace mrp
