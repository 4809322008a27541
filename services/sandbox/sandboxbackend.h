// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "record/errorclass.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

namespace mrp {

// What the scheduler asks a backend for (docs/design.md §7). Plain values, copyable across threads.
struct SandboxSpec {
    QString runId;
    QString shardId;              // empty for a reused per-slot sandbox
    QString ownerId;              // install id, for sweeping leftovers
    QString attemptId;            // "<shard id>/<attempt>": with runId and ownerId it singles out one create
    QMap<QString, QString> labels;  // backends add mrp.run / mrp.shard / mrp.attempt / mrp.owner from the fields above
    int cpu = 1;
    double memoryGib = 1.0;
    double diskGib = 3.0;
    bool networkBlockAll = true;
    QStringList egressAllowlist;  // CIDRs or domains, only when networkBlockAll is false
    QString snapshot;             // Daytona snapshot; ignored by the local backend
    QString target;               // Daytona region; ignored by the local backend
    int autoStopMinutes = 15;     // so that nothing outlives a crashed client for long
    int autoDeleteMinutes = 30;
};

struct SandboxInfo {
    QString id;
    QString state;                // backend's own word ("started", "creating", ...)
    QMap<QString, QString> labels;
    QString createdAt;            // ISO 8601 when known
};

// The common error of every backend operation. ok() when cls == None.
struct SandboxError {
    ErrorClass cls = ErrorClass::None;
    QString message;              // for the user: what failed, why, what to do (translated)
    QString details;              // status, URL, request id: copyable, never the API key
    int httpStatus = 0;
    int retryAfterMs = -1;        // from Retry-After when the server sent one
    bool tooLarge = false;        // a download refused by DownloadFile::maxBytes (cls BadOutput)
    bool unreached = false;       // the request never reached the service (refused, no such host): nothing happened there
    bool ok() const { return cls == ErrorClass::None; }
};

template<typename T>
struct Outcome {
    T value{};
    SandboxError error;
    bool ok() const { return error.ok(); }
};

struct UploadFile {
    QString localPath;            // file on this machine
    QString remotePath;           // path inside the sandbox, relative to its work directory
};

// Downloads stream to disk in bounded blocks: no backend holds a whole file in memory.
struct DownloadFile {
    QString remotePath;           // relative to the sandbox work directory
    QString localPath;            // complete or absent (written beside, then renamed); not fsynced
    QString sha256;               // optional: when set, a download with another SHA-256 fails (BadOutput)
    // optional (> 0): a file larger than this fails the download with BadOutput and
    // SandboxError::tooLarge, checked before the transfer when the size is known and as the bytes
    // arrive; the transfer stops at the cap and nothing is left at localPath.
    qint64 maxBytes = 0;
};

struct ExecRequest {
    QStringList argv;             // e.g. {"python3", "-u", "runner.py"}
    QMap<QString, QString> env;   // per-command environment (never the API key)
    int timeoutSec = 60;          // the backend kills the command after this and reports Timeout
    qint64 outputCapBytes = 1 << 20;  // per stream; the rest is counted, not kept
    // Optional: a file (relative to the work directory) the command leaves and a download()
    // right after it asks for. A backend may ask the command for a small one on its stdout
    // (runcontract::ReturnMarkerVariable, the runner does so) and then serve that download
    // without another call (Daytona: up to 256 KiB, without live output).
    QString returnFile;
};

struct ExecResult {
    int exitCode = -1;
    ErrorClass errorClass = ErrorClass::None;  // classified by the backend: Timeout, OutOfMemory, Killed...
    QByteArray stdoutData;        // capped at outputCapBytes
    QByteArray stderrData;
    qint64 stdoutBytes = 0;       // total produced, including what the cap dropped (Daytona: at most cap + 1, the sandbox sends no more)
    qint64 stderrBytes = 0;
    bool stdoutTruncated = false;
    bool stderrTruncated = false;
    qint64 durationMs = 0;
};

// One asynchronous interface over local and Daytona sandboxes, used only by the scheduler.
//
// Threading: a backend lives on the thread that created it (the GUI or CLI main thread) and
// every method must be called there. Futures finish on that thread too; attach continuations
// with .then(context, ...). Every future finishes exactly once, also on cancel() (with
// ErrorClass::Cancelled) and when the backend is destroyed.
class SandboxBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~SandboxBackend() override = default;

    virtual QString name() const = 0;             // "local" or "daytona"
    // False when shards run without isolation (no bubblewrap): the run record and the UI say
    // "unisolated" loudly.
    virtual bool isIsolated() const = 0;
    virtual QString isolationDescription() const = 0;

    virtual QFuture<Outcome<SandboxInfo>> create(const SandboxSpec &spec) = 0;
    virtual QFuture<SandboxError> upload(const QString &sandboxId, const QList<UploadFile> &files) = 0;
    virtual QFuture<Outcome<ExecResult>> exec(const QString &sandboxId, const ExecRequest &request) = 0;
    virtual QFuture<SandboxError> download(const QString &sandboxId, const QList<DownloadFile> &files) = 0;
    // Wipes the work directory of a reused sandbox between shards.
    virtual QFuture<SandboxError> reset(const QString &sandboxId) = 0;
    // Deletes the sandbox and confirms it is gone.
    virtual QFuture<SandboxError> destroy(const QString &sandboxId) = 0;
    // Sandboxes carrying all of these labels (for sweeping).
    virtual QFuture<Outcome<QList<SandboxInfo>>> list(const QMap<QString, QString> &labels) = 0;
    // Aborts every operation in flight on that sandbox; their futures finish with Cancelled.
    virtual void cancel(const QString &sandboxId) = 0;

Q_SIGNALS:
    // Live output of a running exec: stream 1 = stdout, 2 = stderr.
    void outputReceived(const QString &sandboxId, int stream, const QByteArray &chunk);
    // The service's rate limits at work (cloud backends; docs/design.md §7.4): kind
    // "rate_limited" when a call was refused with 429 (the server asked for waitMs, -1 when it
    // did not say), "paced" when the backend held a call back for waitMs to stay within the
    // budget. `limit` names the rate limit, `what` the call.
    void throttled(const QString &kind, const QString &limit, qint64 waitMs, const QString &what);
    // A sandbox (id or name) that may exist and could not be confirmed gone: left for `mrp sweep`.
    void leaked(const QString &idOrName, const QString &why);
    // A sandbox being destroyed that the service no longer counts against the quota (cloud
    // backends); destroy()'s future still finishes once it is confirmed gone.
    void released(const QString &sandboxId);
};

} // namespace mrp
