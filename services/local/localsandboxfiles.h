// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The on-disk side of LocalBackend: one folder per sandbox under the base folder,
//   <base>/<id>/sandbox.json   {id, labels, createdAt, uid, memoryBytes, fileSizeBytes, cpu}
//   <base>/<id>/work/          the work directory (owned by the sandbox uid when we are root)
// and the file operations on it. Plain functions on values, safe on any thread (LocalBackend
// runs them on the thread pool). Every path given by a caller is checked to stay inside the
// work directory, and nothing the sandbox left there (symlinks, FIFOs, unreadable folders) can
// make us read or write outside it.

#include "sandbox/sandboxbackend.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace mrp {

struct LocalSandboxMeta {
    QString id;                     // "local-<uuid>"
    QString root;                   // <base>/<id>
    QMap<QString, QString> labels;
    QString createdAt;              // ISO 8601 UTC
    uint uid = 0;                   // the unprivileged uid commands run as (0: our own uid)
    qint64 memoryBytes = 1ll << 30;
    qint64 fileSizeBytes = 3ll << 30;
    int cpu = 1;

    QString workDir() const { return root + QLatin1StringView("/work"); }
    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, LocalSandboxMeta *out);
};

namespace localfiles {

bool isValidSandboxId(const QString &id);
// Where sandboxes live unless told otherwise. Linux: /var/tmp/mrp-sandboxes-<uid>, a path that
// names no folder of the user (a sandbox sees its work folder's path in /proc/self/mountinfo);
// made 0711 and used only when it is a real folder of ours that nobody else may write to,
// else (and on other systems) `fallback`.
QString defaultBaseDir(const QString &fallback);
// Creates <root>/work (chowned to meta.uid when non-zero) and writes sandbox.json.
SandboxError createSandbox(const LocalSandboxMeta &meta);
bool readMeta(const QString &baseDir, const QString &id, LocalSandboxMeta *out);
SandboxError upload(const LocalSandboxMeta &meta, const QList<UploadFile> &files);
SandboxError download(const LocalSandboxMeta &meta, const QList<DownloadFile> &files);
// Empties the work directory (keeps the folder and its owner).
SandboxError wipeWork(const LocalSandboxMeta &meta);
// Removes <root> entirely and confirms it is gone.
SandboxError remove(const LocalSandboxMeta &meta);
// Bytes the folder dir takes on disk, counted as its sandbox's disk budget: every regular file
// by the larger of its length and its allocated blocks (a sparse file counts by its length, as
// a download would copy it), folders by their blocks; symlinks are not followed. Stops counting
// once the total passes stopAbove (> 0), returning what it counted so far.
qint64 diskUsage(const QString &dir, qint64 stopAbove = 0);
// Sandboxes under baseDir carrying all of labels.
QList<SandboxInfo> list(const QString &baseDir, const QMap<QString, QString> &labels);

} // namespace localfiles
} // namespace mrp
