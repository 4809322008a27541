// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// DaytonaBackend: SandboxBackend over the Daytona REST API (docs/design.md §7, docs/daytona-api.md).
//
// create: POST /sandbox with labels {mrp.run, mrp.shard, mrp.attempt, mrp.owner,
//   code-toolbox-language: python} + the spec's, a unique name (the create's idempotency key: a retried create that
//   already went through answers 409 and is then found by name), networkBlockAll unless the
//   spec allows egress (then networkAllowList), autoStopInterval/autoDeleteInterval from the
//   spec; then polls GET /sandbox/{id} (fast first, backing off) until `started`. `error` /
//   `build_failed` fail with the server's errorReason. Whenever a create fails after it went
//   out, what it may have made is deleted and confirmed gone (or reported with leaked())
//   before its future finishes (removeLeftovers).
// upload: one multipart POST /files/bulk-upload into the work directory.
// exec: POST /process/execute with per-command env (`envs`) and an explicit timeout; stderr is
//   captured separately inside the same call; 408 -> ExecResult::errorClass Timeout. With
//   Options::liveOutput a session runs the command asynchronously and its logs are polled,
//   emitting outputReceived() as output arrives.
// download: GET /files/download streamed into a QSaveFile (SHA-256 checked when given).
// reset: wipes the work directory (sandbox reuse). destroy: DELETE (409 retried) then polls
//   until 404. list: GET /sandbox?labels=... following nextCursor (or a bare array).
//
// Futures finish exactly once on the backend's thread, also on cancel(id) and destruction
// (Cancelled). Outcome errors are infrastructure/API failures; an exec whose command ran is
// ok() with the command's classification in ExecResult::errorClass.

#include "daytona/daytonaclient.h"
#include "sandbox/sandboxbackend.h"

#include <QHash>
#include <QPromise>
#include <QSet>

#include <functional>
#include <memory>

namespace mrp {

class DaytonaBackend : public SandboxBackend
{
    Q_OBJECT
public:
    struct Options {
        QString workDir = QStringLiteral("mrp-work");  // relative to the sandbox daemon's cwd
        int pollInitialMs = 100;      // first state polls are fast...
        int pollMaxMs = 1000;         // ...then back off to this
        int startTimeoutMs = 180000;  // create: waiting for `started`
        // The server holds a create call until the sandbox has started, failed to start (400),
        // or this much time passed (docs/daytona-api.md §2.2): a 2xx reply sooner means started,
        // whatever state the DTO it carries (captured before the wait) says. 0: always poll.
        int createWaitMs = 30000;
        int destroyTimeoutMs = 120000;// destroy: waiting for 404
        // The first poll after a delete: soon, since a cloud run's slot waits for the sandbox to
        // be gone before its next create (its quota is held until then); then pollInitialMs...
        int destroyPollFirstMs = 20;
        int conflictRetries = 20;     // 409 "state change in progress" on delete
        bool execRetrySafe = true;    // runner commands are re-runnable (pure operator, own work dir)
        bool liveOutput = false;      // sessions + polled logs instead of process/execute
        int logPollMs = 500;
    };

    // Owns a DaytonaClient made from config.
    DaytonaBackend(const DaytonaConfig &config, const Options &options, QObject *parent = nullptr);
    // Uses an existing client (not owned; must outlive the backend).
    DaytonaBackend(DaytonaClient *client, const Options &options, QObject *parent = nullptr);
    ~DaytonaBackend() override;

    QString name() const override;
    bool isIsolated() const override;
    QString isolationDescription() const override;

    QFuture<Outcome<SandboxInfo>> create(const SandboxSpec &spec) override;
    QFuture<SandboxError> upload(const QString &sandboxId, const QList<UploadFile> &files) override;
    QFuture<Outcome<ExecResult>> exec(const QString &sandboxId, const ExecRequest &request) override;
    QFuture<SandboxError> download(const QString &sandboxId, const QList<DownloadFile> &files) override;
    QFuture<SandboxError> reset(const QString &sandboxId) override;
    QFuture<SandboxError> destroy(const QString &sandboxId) override;
    QFuture<Outcome<QList<SandboxInfo>>> list(const QMap<QString, QString> &labels) override;
    void cancel(const QString &sandboxId) override;

    DaytonaClient *client() const { return m_client; }
    // Transport retries done by jobs so far (each one logged at info level).
    int retryCount() const { return m_retryCount; }
    // The create request body for a spec (exposed for tests).
    QJsonObject createBody(const SandboxSpec &spec, const QString &name) const;
    // Shell command that runs argv in the work directory, stderr kept apart after `separator`.
    QString execCommand(const QString &sandboxId, const ExecRequest &request, const QString &separator) const;
    // The most of a file that comes back with the command's reply (ExecRequest::returnFile).
    static constexpr qint64 ReturnedFileMaxBytes = 256 << 10;

private:
    class Op;
    Op *newOp(const QString &sandboxId);
    void run(Op *op, ApiJob *job, std::function<void(ApiJob *)> onDone);
    void deleteWithConflictRetry(Op *op, const QString &id, int attempt);
    bool serveReturnedFile(const QString &sandboxId, const DownloadFile &f);
    void pollUntilGone(Op *op, const QString &id, int delayMs);
    void listPage(Op *op, const QMap<QString, QString> &labels, const QString &cursor,
                  std::shared_ptr<QList<SandboxInfo>> acc);
    void downloadNext(Op *op, const QString &sandboxId, QList<DownloadFile> files);
    void execSession(Op *op, const QString &sandboxId, const ExecRequest &request,
                     std::function<void(const ExecResult &)> deliverResult);
    void startExec(Op *op, const QString &sandboxId, const ExecRequest &request,
                   const std::shared_ptr<QPromise<Outcome<ExecResult>>> &p);
    void startWipe(const QString &sandboxId, const QString &dir);
    QString toolboxFor(const QString &sandboxId) const;
    // Per sandbox, one folder per generation (`mrp-work`, after a reset `mrp-work-<n>`) holds the
    // operator's work directory `run` and the captured stderr of its commands. reset() moves to
    // the next generation at once and has the daemon remove the previous folder (DELETE /files)
    // while the next shard uploads; its command is sent only after that removal answered, and
    // a folder the daemon could not remove is removed by the command itself before anything of
    // it runs (wipePrefix). Either way no shard sees the files of the one before.
    QString generationRoot(const QString &sandboxId) const;
    QString workDirFor(const QString &sandboxId) const;   // generationRoot + "/run"
    QString wipePrefix(const QString &sandboxId) const;   // "rm -rf <stale folders>; " or empty
    SandboxError unknownSandbox(const QString &sandboxId) const;
    // After a create that failed once it went out (no reply, a cut or unreadable one, a
    // redirect, a server error, a sandbox that did not start): finds what it made by the labels
    // that single out the create (when given) and by its id or name, deletes each and confirms
    // it gone (404 or `destroyed`); what cannot be confirmed is reported with leaked(). `then`
    // runs afterwards, on every path.
    void removeLeftovers(const QString &idOrName, const QMap<QString, QString> &labels, const QString &why,
                         std::function<void()> then);

    DaytonaClient *m_client;
    Options m_options;
    QHash<QString, QString> m_toolbox;       // sandbox id -> toolboxProxyUrl
    QSet<QString> m_sessions;                // sandboxes with our session open
    QHash<QString, int> m_generation;        // sandbox id -> work directory generation (reset count)
    QHash<QString, QStringList> m_staleDirs; // sandbox id -> folders the next command removes
    struct Wipe {
        int pending = 0;                      // DELETE /files calls not answered yet
        QList<std::function<void()>> waiting; // commands held until they have
    };
    QHash<QString, std::shared_ptr<Wipe>> m_wipes;
    struct ReturnedFile {
        QString remotePath;                   // in the generation's work directory
        QByteArray bytes;
    };
    QHash<QString, ReturnedFile> m_returned;  // sandbox id -> the file its last command brought back
    QList<Op *> m_ops;
    int m_retryCount = 0;
};

} // namespace mrp
