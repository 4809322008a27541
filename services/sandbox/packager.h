// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Packager: one content-addressed package per shard (docs/design.md §2.2, docs/run-contract.md).
//
// A map package holds runner.py (the stub compiled in at :/mrp/runner/runner.py),
// user_operator.py (the plan's map operator code, byte for byte), payload.json (the shard's
// canonical payload file, as the compiler wrote it) and manifest.json (canonical JSON:
// {"entrypoint","format":1,"mode":"map","operator","output","payload"}). A reduce package has
// inputs.json instead of payload.json and mode "reduce".
//
// package digest = SHA-256 of the canonical JSON array [[name, sha256-hex], ...] sorted by name,
// so the same runner, operator, entrypoint and payload give the same digest whatever the shard
// is called or where the files came from. The package is written to <packagesDir>/<digest>/
// (into a temporary folder, then renamed, so it is complete or absent) and reused when present.
// The payload is hard-linked when possible, else copied; its digest is checked while copying.
//
// Not a QObject: plain blocking file I/O, safe to call from any thread at the same time (the
// engine packages on the thread pool). Nothing here touches the network.

#include "job/plan.h"
#include "sandbox/sandboxbackend.h"

#include <QList>
#include <QString>

namespace mrp {

struct PackageFile {
    QString name;        // file name inside the package and the sandbox work directory
    QString sha256;      // lower-case hex
    qint64 bytes = 0;
};

struct ShardPackage {
    QString digest;      // the package digest (also its folder name)
    QString dir;         // absolute path of <packagesDir>/<digest>
    QString shardId;     // informational: the shard this was built for (empty for reduce)
    int shardIndex = -1;
    QList<PackageFile> files;  // sorted by name

    // Every file, for SandboxBackend::upload (remote path = file name).
    QList<UploadFile> uploads() const;
};

class Packager
{
public:
    explicit Packager(const QString &packagesDir);

    QString packagesDir() const { return m_dir; }

    // Builds (or reuses) the map package of one shard. Returns false and sets *error (translated:
    // what failed and what to do) when the runner, operator or payload is missing or unreadable,
    // or the payload's bytes do not match shard.digest.
    bool packageShard(const Plan &plan, const ShardPlan &shard, ShardPackage *out, QString *error) const;
    // Builds (or reuses) the package of a Python reducer: plan.reduce.op with inputsPath (a JSON
    // array of the map outputs in shard order) as inputs.json.
    bool packageReduce(const Plan &plan, const QString &inputsPath, ShardPackage *out, QString *error) const;

    // The manifest.json bytes for an operator (canonical JSON).
    static QByteArray manifest(const OperatorSpec &op, bool reduce);
    // The package digest of a listing (sorted by name inside).
    static QString packageDigest(QList<PackageFile> files);
    // The runner stub compiled into the binary (empty if the resource is missing).
    static QByteArray runnerSource();

private:
    bool build(const OperatorSpec &op, bool reduce, const QString &dataPath, const QString &dataDigest,
               ShardPackage *out, QString *error) const;

    QString m_dir;
};

} // namespace mrp
