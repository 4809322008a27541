// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "daytona/daytonabackend.h"
#include "daytona/logfollower.h"
#include "daytona/daytonabackend_p.h"

#include "daytona/daytonareplies.h"
#include "data/digest.h"
#include "sandbox/runcontract.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QPromise>
#include <QTimer>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDaytona, "mrp.services.daytona.backend")

namespace mrp {

using namespace daytona_p;

namespace {
// Slack between the server's wait for a start and our clock (timers, a clock step).
constexpr qint64 CreateWaitMarginMs = 1000;
} // namespace

DaytonaBackend::DaytonaBackend(const DaytonaConfig &config, const Options &options, QObject *parent)
    : DaytonaBackend(new DaytonaClient(config, nullptr, nullptr), options, parent)
{
    m_client->setParent(this);
}

DaytonaBackend::DaytonaBackend(DaytonaClient *client, const Options &options, QObject *parent)
    : SandboxBackend(parent)
    , m_client(client)
    , m_options(options)
{
    if (m_options.liveOutput)
        LogFollower::prepare();
    connect(m_client, &DaytonaClient::rateLimited, this, [this](const QString &limit, int waitMs, const QString &what) {
        Q_EMIT throttled(u"rate_limited"_s, limit, waitMs, what);
    });
    connect(m_client, &DaytonaClient::paced, this, [this](const QString &limit, qint64 waitMs, const QString &what) {
        Q_EMIT throttled(u"paced"_s, limit, waitMs, what);
    });
}

DaytonaBackend::~DaytonaBackend()
{
    const auto ops = m_ops;
    for (Op *op : ops)
        op->fail(makeSandboxError(ErrorClass::Cancelled, tr("Cancelled: the Daytona backend was closed.")));
}

QString DaytonaBackend::name() const
{
    return u"daytona"_s;
}

bool DaytonaBackend::isIsolated() const
{
    return true;
}

QString DaytonaBackend::isolationDescription() const
{
    return tr("Daytona cloud sandbox at %1").arg(m_client->config().apiUrl.host());
}

DaytonaBackend::Op *DaytonaBackend::newOp(const QString &sandboxId)
{
    auto *op = new Op;
    op->setParent(this);
    op->sandboxId = sandboxId;
    op->clock.start();
    m_ops.append(op);
    connect(op, &QObject::destroyed, this, [this, op] { m_ops.removeOne(op); });
    return op;
}

void DaytonaBackend::run(Op *op, ApiJob *job, std::function<void(ApiJob *)> onDone)
{
    op->job = job;
    connect(job, &ApiJob::retrying, this, [this](ApiJob *j, const ApiError &e, int delayMs) {
        ++m_retryCount;
        qCInfo(lcDaytona) << "retry" << j << e.details << "in" << delayMs << "ms";
    });
    QPointer<Op> guard(op);
    connect(job, &ApiJob::finished, this, [guard, onDone = std::move(onDone)](ApiJob *j) {
        j->deleteLater();
        if (!guard || guard->done)
            return;
        guard->job = nullptr;
        onDone(j);
    });
    job->start();
}

QString DaytonaBackend::toolboxFor(const QString &sandboxId) const
{
    return m_toolbox.value(sandboxId);
}

SandboxError DaytonaBackend::unknownSandbox(const QString &sandboxId) const
{
    return makeSandboxError(ErrorClass::Infrastructure,
                            tr("Sandbox %1 is not known to this backend (create it first).").arg(sandboxId));
}

QJsonObject DaytonaBackend::createBody(const SandboxSpec &spec, const QString &name) const
{
    QJsonObject labels;
    for (auto it = spec.labels.begin(); it != spec.labels.end(); ++it)
        labels.insert(it.key(), it.value());
    labels.insert(u"code-toolbox-language"_s, u"python"_s);
    if (!spec.runId.isEmpty())
        labels.insert(u"mrp.run"_s, spec.runId);
    if (!spec.shardId.isEmpty())
        labels.insert(u"mrp.shard"_s, spec.shardId);
    if (!spec.attemptId.isEmpty())
        labels.insert(u"mrp.attempt"_s, spec.attemptId);
    if (!spec.ownerId.isEmpty())
        labels.insert(u"mrp.owner"_s, spec.ownerId);
    QJsonObject body{
        {u"name"_s, name},
        {u"labels"_s, labels},
        {u"env"_s, QJsonObject{}},   // empty: keeps warm pools usable (docs/daytona-api.md §2.3)
        {u"autoStopInterval"_s, qMax(1, spec.autoStopMinutes)},
        {u"autoDeleteInterval"_s, qMax(0, spec.autoDeleteMinutes)},
    };
    if (spec.networkBlockAll || spec.egressAllowlist.isEmpty())
        body.insert(u"networkBlockAll"_s, true);
    else
        body.insert(u"networkAllowList"_s, spec.egressAllowlist.join(u','));
    if (!spec.snapshot.isEmpty())
        body.insert(u"snapshot"_s, spec.snapshot);
    if (!spec.target.isEmpty())
        body.insert(u"target"_s, spec.target);
    // cpu/memory/disk only apply to image builds; with a snapshot they are a 400 (docs/daytona-api.md §2.1).
    return body;
}

QFuture<Outcome<SandboxInfo>> DaytonaBackend::create(const SandboxSpec &spec)
{
    auto p = makePromise<Outcome<SandboxInfo>>();
    const QString configError = m_client->configError();
    if (!configError.isEmpty()) {
        Outcome<SandboxInfo> o;
        o.error = makeSandboxError(ErrorClass::PolicyRefused, configError);
        deliver(p, o);
        return p->future();
    }
    Op *op = newOp(QString());
    op->failFn = [p](const SandboxError &e) {
        Outcome<SandboxInfo> o;
        o.error = e;
        deliver(p, o);
    };
    const QString name = u"mrp-"_s + QUuid::createUuid().toString(QUuid::Id128).left(24);
    QPointer<Op> guard(op);
    // The labels that single out this create (docs/design.md §3.7); without an attempt label
    // they would match other sandboxes of the run, and then only the name is used.
    QMap<QString, QString> ownLabels;
    if (!spec.attemptId.isEmpty() && !spec.runId.isEmpty() && !spec.ownerId.isEmpty())
        ownLabels = {{u"mrp.owner"_s, spec.ownerId}, {u"mrp.run"_s, spec.runId}, {u"mrp.attempt"_s, spec.attemptId}};

    // Every failure once the create went out: what it may have made is deleted and confirmed
    // gone (or reported with leaked()) before the create fails, so the caller's count of what
    // the run holds stays true. `known` is the id when the server told it, else the name.
    auto failAndRemove = [this, guard, ownLabels](const SandboxError &error, const QString &known, const QString &why) {
        if (!guard || guard->done)
            return;
        removeLeftovers(known, ownLabels, why, [guard, error] {
            if (guard)
                guard->fail(error);
        });
    };

    // Called with every DTO seen until the sandbox is started or failed.
    auto onDto = std::make_shared<std::function<void(const daytona::SandboxDto &)>>();
    *onDto = [this, guard, p, onDto, failAndRemove](const daytona::SandboxDto &dto) {
        if (!guard || guard->done)
            return;
        Op *o = guard.data();
        o->sandboxId = dto.id;
        if (!dto.toolboxProxyUrl.isEmpty())
            m_toolbox.insert(dto.id, dto.toolboxProxyUrl);
        if (dto.state == "started"_L1) {
            if (m_toolbox.value(dto.id).isEmpty()) {
                run(o, m_client->getToolboxProxyUrl(dto.id), [this, guard, p, dto, failAndRemove](ApiJob *j) {
                    QString url;
                    if (!j->error().ok() || !daytona::parseToolboxProxyUrl(j->body(), &url, nullptr)) {
                        const SandboxError e = j->error().ok()
                            ? makeSandboxError(ErrorClass::Infrastructure, tr("The sandbox has no toolbox URL."))
                            : j->error().toSandboxError();
                        failAndRemove(e, dto.id, e.message);
                        return;
                    }
                    m_toolbox.insert(dto.id, url);
                    deliver(p, Outcome<SandboxInfo>{SandboxInfo{dto.id, dto.state, dto.labels, dto.createdAt}, {}});
                    guard->complete();
                });
                return;
            }
            deliver(p, Outcome<SandboxInfo>{SandboxInfo{dto.id, dto.state, dto.labels, dto.createdAt}, {}});
            o->complete();
            return;
        }
        if (dto.state == "error"_L1 || dto.state == "build_failed"_L1 || dto.state == "destroying"_L1
            || dto.state == "destroyed"_L1) {
            const SandboxError e = makeSandboxError(ErrorClass::Infrastructure,
                                                    tr("Sandbox %1 failed to start (%2): %3").arg(dto.id, dto.state,
                                                       dto.errorReason.isEmpty() ? tr("no reason given") : dto.errorReason));
            failAndRemove(e, dto.id, e.message);
            return;
        }
        if (o->clock.elapsed() > m_options.startTimeoutMs) {
            const SandboxError e = makeSandboxError(ErrorClass::Infrastructure,
                                                    tr("Sandbox %1 did not start within %2 s (state %3).")
                                                        .arg(dto.id).arg(m_options.startTimeoutMs / 1000).arg(dto.state));
            failAndRemove(e, dto.id, e.message);
            return;
        }
        // Still coming up. The create reply carries the state from before the server's wait
        // (docs/daytona-api.md §2.2), so the sandbox has usually started by now: look again at once, then
        // poll, fast first, backing off.
        const int delay = o->property("pollDelay").isValid() ? o->property("pollDelay").toInt() : 0;
        o->setProperty("pollDelay", qBound(m_options.pollInitialMs, int(delay * 1.5) + 1, m_options.pollMaxMs));
        const QString id = dto.id;
        QTimer::singleShot(delay, o, [this, guard, id, onDto, failAndRemove] {
            if (!guard || guard->done)
                return;
            run(guard, m_client->getSandbox(id), [id, onDto, failAndRemove](ApiJob *j) {
                daytona::SandboxDto next;
                QString why;
                if (!j->error().ok() || !daytona::parseSandbox(j->body(), &next, &why)) {
                    const SandboxError e = j->error().ok()
                        ? makeSandboxError(ErrorClass::Infrastructure, tr("Could not read the new sandbox's state: unexpected reply."), why)
                        : j->error().toSandboxError();
                    failAndRemove(e, id, j->error().ok() ? why : e.message);
                    return;
                }
                (*onDto)(next);
            });
        });
    };

    auto *job = m_client->createSandbox(createBody(spec, name), /*retrySafe: the name is the key*/ true);
    run(op, job, [this, guard, name, onDto, failAndRemove](ApiJob *j) {
        if (j->error().httpStatus == 409 && j->attempts() > 1) {
            // An earlier attempt went through before its reply was lost: find it by name.
            run(guard, m_client->getSandbox(name), [name, onDto, failAndRemove](ApiJob *g) {
                daytona::SandboxDto dto;
                QString why;
                if (!g->error().ok() || !daytona::parseSandbox(g->body(), &dto, &why)) {
                    const SandboxError e = g->error().ok()
                        ? makeSandboxError(ErrorClass::Infrastructure, tr("Could not create a sandbox: unexpected reply."), why)
                        : g->error().toSandboxError();
                    failAndRemove(e, name, g->error().ok() ? why : e.message);
                    return;
                }
                (*onDto)(dto);
            });
            return;
        }
        if (!j->error().ok()) {
            // A refusal (4xx) created nothing, except the sandbox that failed to start while the
            // call waited for it (400 "Sandbox failed to start: …", left in `error`); anything
            // else (no reply, a cut one, a redirect, a server error) may have.
            const int status = j->error().httpStatus;
            constexpr auto startFailed = "Sandbox failed to start"_L1;
            if (status == 400 && j->error().serverMessage.startsWith(startFailed)) {
                QString reason = j->error().serverMessage.mid(startFailed.size());
                if (reason.startsWith(u':'))
                    reason = reason.mid(1).trimmed();
                const SandboxError e = makeSandboxError(ErrorClass::Infrastructure,
                                                        tr("The new sandbox failed to start: %1")
                                                            .arg(reason.isEmpty() ? tr("no reason given") : reason));
                failAndRemove(e, name, j->error().serverMessage);
            } else if ((status < 400 || status >= 500) && j->error().maybeReached)
                failAndRemove(j->error().toSandboxError(), name, j->error().userMessage);
            else   // refused by the server, or never sent (connection refused): nothing to remove
                guard->fail(j->error().toSandboxError());
            return;
        }
        daytona::SandboxDto dto;
        QString why;
        if (!daytona::parseSandbox(j->body(), &dto, &why)) {
            failAndRemove(makeSandboxError(ErrorClass::Infrastructure, tr("Could not create a sandbox: unexpected reply."), why),
                          name, why);
            return;
        }
        // The server answered before its wait for the start ended, so the sandbox started
        // (a failed start is a 400): no state poll. Measured from the job's start, so a reply
        // after retries or pacing can only look later than the server's own wait, never sooner.
        const bool stillComing = dto.state != "started"_L1 && dto.state != "error"_L1 && dto.state != "build_failed"_L1
                                 && dto.state != "destroying"_L1 && dto.state != "destroyed"_L1;
        if (stillComing && j->elapsedMs() < qint64(m_options.createWaitMs) - CreateWaitMarginMs)
            dto.state = u"started"_s;
        (*onDto)(dto);
    });
    return p->future();
}

void DaytonaBackend::removeLeftovers(const QString &idOrName, const QMap<QString, QString> &labels, const QString &why,
                                     std::function<void()> then)
{
    struct State {
        int found = 0;             // sandboxes the label list found
        QStringList notGone;       // ... of them not confirmed gone
        bool listed = false;
        QString error;             // the last deletion or list error
    };
    auto st = std::make_shared<State>();
    QPointer<DaytonaBackend> self(this);
    // Last, by the id or name: 404 there is gone; a deletion's reply names the id to poll.
    auto byName = [self, st, idOrName, why, then] {
        if (!self)
            return;
        self->destroy(idOrName).then(self, [self, st, idOrName, why, then](const SandboxError &e) {
            // The name's sandbox is accounted for when it is confirmed gone, or when the list
            // found this create's sandbox and every one of them is.
            const bool accounted = e.ok() || (st->listed && st->found > 0 && st->notGone.isEmpty());
            QList<std::pair<QString, QString>> leftovers;   // id or name, why it is not confirmed gone
            for (const QString &id : std::as_const(st->notGone))
                leftovers.append({id, st->error});
            if (!accounted && leftovers.isEmpty())
                leftovers.append({idOrName, st->listed || st->error.isEmpty() ? e.message : e.message + u"; "_s + st->error});
            for (const auto &[id, reason] : std::as_const(leftovers)) {
                qCWarning(lcDaytona) << "sandbox" << id << "not confirmed gone:" << reason;
                Q_EMIT self->leaked(id, tr("The reply to its creation was unusable (%1), and deleting it failed: %2").arg(why, reason));
            }
            then();
        });
    };
    if (labels.isEmpty()) {
        byName();
        return;
    }
    // First by the labels set at create, which find the sandbox even when its name or id is
    // not known.
    list(labels).then(this, [self, st, idOrName, byName](const Outcome<QList<SandboxInfo>> &listed) {
        if (!self)
            return;
        if (!listed.ok()) {
            st->error = listed.error.message;
            byName();
            return;
        }
        st->listed = true;
        QList<QFuture<SandboxError>> deletions;
        for (const SandboxInfo &sb : listed.value) {
            if (sb.id == idOrName)
                continue;   // deleted by its id below
            ++st->found;
            const QString id = sb.id;
            deletions.append(self->destroy(id).then(self, [st, id](const SandboxError &e) {
                if (!e.ok()) {
                    st->notGone.append(id);
                    st->error = e.message;
                }
                return e;
            }));
        }
        if (deletions.isEmpty()) {
            byName();
            return;
        }
        QtFuture::whenAll(deletions.begin(), deletions.end()).then(self, [byName](const QList<QFuture<SandboxError>> &) { byName(); });
    });
}

QFuture<SandboxError> DaytonaBackend::upload(const QString &sandboxId, const QList<UploadFile> &files)
{
    auto p = makePromise<SandboxError>();
    const QString tb = toolboxFor(sandboxId);
    if (tb.isEmpty()) {
        deliver(p, unknownSandbox(sandboxId));
        return p->future();
    }
    Op *op = newOp(sandboxId);
    op->failFn = [p](const SandboxError &e) { deliver(p, e); };
    QList<UploadJob::File> remote;
    remote.reserve(files.size());
    for (const UploadFile &f : files)
        remote.append({f.localPath, workDirFor(sandboxId) + u'/' + f.remotePath});
    QPointer<Op> guard(op);
    run(op, m_client->upload(tb, sandboxId, remote), [guard, p](ApiJob *j) {
        if (!j->error().ok()) {
            guard->fail(j->error().toSandboxError());
            return;
        }
        deliver(p, SandboxError{});
        guard->complete();
    });
    return p->future();
}

QString DaytonaBackend::generationRoot(const QString &sandboxId) const
{
    const int generation = m_generation.value(sandboxId);
    return generation == 0 ? m_options.workDir : m_options.workDir + u'-' + QString::number(generation);
}

QString DaytonaBackend::workDirFor(const QString &sandboxId) const
{
    return generationRoot(sandboxId) + u"/run"_s;
}

QString DaytonaBackend::wipePrefix(const QString &sandboxId) const
{
    const QStringList stale = m_staleDirs.value(sandboxId);
    if (stale.isEmpty())
        return {};
    QStringList quoted;
    for (const QString &d : stale)
        quoted << shellQuote(d);
    return u"rm -rf %1; "_s.arg(quoted.join(u' '));
}

void DaytonaBackend::startWipe(const QString &sandboxId, const QString &dir)
{
    std::shared_ptr<Wipe> &slot = m_wipes[sandboxId];
    if (!slot)
        slot = std::make_shared<Wipe>();
    const std::shared_ptr<Wipe> wipe = slot;
    ++wipe->pending;
    auto *job = m_client->deletePath(toolboxFor(sandboxId), sandboxId, dir);
    connect(job, &ApiJob::finished, this, [this, sandboxId, dir, wipe](ApiJob *j) {
        j->deleteLater();
        if (j->error().ok() || j->error().httpStatus == 404) {
            m_staleDirs[sandboxId].removeOne(dir);   // gone; otherwise the next command removes it
        } else {
            qCInfo(lcDaytona) << "could not remove" << dir << "in" << sandboxId << "through the files API:"
                              << j->error().details << "- the next command removes it";
        }
        if (--wipe->pending > 0)
            return;
        if (m_wipes.value(sandboxId) == wipe)
            m_wipes.remove(sandboxId);
        const auto waiting = std::move(wipe->waiting);
        for (const auto &fn : waiting)
            fn();
    });
    job->start();
}

QString DaytonaBackend::execCommand(const QString &sandboxId, const ExecRequest &request, const QString &separator) const
{
    QStringList argv;
    for (const QString &a : request.argv)
        argv.append(shellQuote(a));
    const QString dir = workDirFor(sandboxId);
    // One call, two streams: stderr goes to a file, printed after a unique separator and
    // bounded by the cap (plus one byte, so a longer stream shows as truncated): the daemon
    // returns a command's output whole in one JSON reply, and what an operator prints goes to
    // stderr (the runner points its stdout there too). The file sits next to the work directory
    // (the operator never sees it) and goes with its folder. Every process counts when 64 shards
    // share a sandbox host, so the common path forks only the command: `cd` and `[` are built
    // in, mkdir runs only when nothing was uploaded, and head only when there is stderr.
    return u"%1e=\"$PWD\"/%2; { cd %3 2>/dev/null || { mkdir -p %3 && cd %3; }; } && { %4 </dev/null 2>\"$e\"; rc=$?; "
           "printf '\\n%s\\n' %5; [ -s \"$e\" ] && head -c %6 \"$e\"; exit $rc; }"_s
        .arg(wipePrefix(sandboxId), shellQuote(generationRoot(sandboxId) + u"/stderr-"_s + separator), shellQuote(dir), argv.join(u' '),
             shellQuote(separator), QString::number(qMax<qint64>(0, request.outputCapBytes) + 1));
}

QFuture<Outcome<ExecResult>> DaytonaBackend::exec(const QString &sandboxId, const ExecRequest &request)
{
    auto p = makePromise<Outcome<ExecResult>>();
    const QString tb = toolboxFor(sandboxId);
    if (tb.isEmpty()) {
        deliver(p, Outcome<ExecResult>{{}, unknownSandbox(sandboxId)});
        return p->future();
    }
    Op *op = newOp(sandboxId);
    op->failFn = [p](const SandboxError &e) { deliver(p, Outcome<ExecResult>{{}, e}); };
    if (const std::shared_ptr<Wipe> wipe = m_wipes.value(sandboxId); wipe && wipe->pending > 0) {
        // The previous shard's folder is still being removed: the command waits for that.
        QPointer<Op> guard(op);
        wipe->waiting.append([this, guard, sandboxId, request, p] {
            if (guard && !guard->done)
                startExec(guard, sandboxId, request, p);
        });
        return p->future();
    }
    startExec(op, sandboxId, request, p);
    return p->future();
}

void DaytonaBackend::startExec(Op *op, const QString &sandboxId, const ExecRequest &request,
                               const std::shared_ptr<QPromise<Outcome<ExecResult>>> &p)
{
    const QString tb = toolboxFor(sandboxId);
    if (tb.isEmpty()) {   // deleted while the command waited for the previous folder's removal
        op->fail(unknownSandbox(sandboxId));
        return;
    }
    if (m_options.liveOutput) {
        execSession(op, sandboxId, request, [p](const ExecResult &r) { deliver(p, Outcome<ExecResult>{r, {}}); });
        return;
    }
    const QString separator = u"MRP-STDERR-"_s + QUuid::createUuid().toString(QUuid::Id128);
    // The file the download right after asks for, on the command's stdout when it is small
    // (the runner does that when asked): one call fewer per shard.
    const QString fileMarker = separator + u"-FILE"_s;
    QMap<QString, QString> env = request.env;
    if (!request.returnFile.isEmpty()) {
        env.insert(runcontract::ReturnMarkerVariable, fileMarker);
        env.insert(runcontract::ReturnFileVariable, request.returnFile);
        env.insert(runcontract::ReturnMaxBytesVariable, QString::number(ReturnedFileMaxBytes));
    }
    auto *job = m_client->execute(tb, sandboxId, execCommand(sandboxId, request, separator), env,
                                  request.timeoutSec, m_options.execRetrySafe);
    m_staleDirs.remove(sandboxId);   // the command just composed removes them
    m_returned.remove(sandboxId);
    QPointer<Op> guard(op);
    const qint64 cap = request.outputCapBytes;
    const QString returnPath = request.returnFile.isEmpty() ? QString() : workDirFor(sandboxId) + u'/' + request.returnFile;
    run(op, job, [this, guard, p, separator, fileMarker, cap, sandboxId, returnPath](ApiJob *j) {
        ExecResult r;
        r.durationMs = guard->clock.elapsed();
        if (!j->error().ok()) {
            if (j->error().httpStatus == 408) {   // the command's own timeout (docs/daytona-api.md §5.1)
                r.errorClass = ErrorClass::Timeout;
                r.stderrData = j->error().serverMessage.toUtf8();
                r.stderrBytes = r.stderrData.size();
                deliver(p, Outcome<ExecResult>{r, {}});
                guard->complete();
                return;
            }
            guard->fail(j->error().toSandboxError());
            return;
        }
        daytona::ExecReply reply;
        QString why;
        if (!daytona::parseExecReply(j->body(), &reply, &why)) {
            guard->fail(makeSandboxError(ErrorClass::Infrastructure, tr("Could not run the command: unexpected reply."), why));
            return;
        }
        const QByteArray all = reply.result.toUtf8();
        const QByteArray marker = "\n" + separator.toUtf8() + "\n";
        const qsizetype at = all.lastIndexOf(marker);
        QByteArray out = at >= 0 ? all.left(at) : all;
        const QByteArray err = at >= 0 ? all.mid(at + marker.size()) : QByteArray();
        const QByteArray fileLine = "\n" + fileMarker.toUtf8() + "\n";
        if (const qsizetype f = returnPath.isEmpty() || reply.exitCode != 0 ? -1 : out.lastIndexOf(fileLine); f >= 0) {
            QByteArray bytes = out.mid(f + fileLine.size());
            out.truncate(f);
            // Only what surely came back whole: within the limit, and no U+FFFD, which is also
            // what the daemon's JSON makes of bytes that are not UTF-8 (the download then asks).
            if (bytes.size() <= ReturnedFileMaxBytes && !bytes.contains("\xEF\xBF\xBD"))
                m_returned.insert(sandboxId, ReturnedFile{returnPath, std::move(bytes)});
        }
        capInto(out, cap, &r.stdoutData, &r.stdoutBytes, &r.stdoutTruncated);
        capInto(err, cap, &r.stderrData, &r.stderrBytes, &r.stderrTruncated);
        r.exitCode = reply.exitCode;
        r.errorClass = reply.exitCode < 0 ? ErrorClass::Infrastructure : classifyShellExit(reply.exitCode);
        deliver(p, Outcome<ExecResult>{r, {}});
        guard->complete();
    });
}

QFuture<SandboxError> DaytonaBackend::download(const QString &sandboxId, const QList<DownloadFile> &files)
{
    auto p = makePromise<SandboxError>();
    if (toolboxFor(sandboxId).isEmpty()) {
        deliver(p, unknownSandbox(sandboxId));
        return p->future();
    }
    if (files.size() == 1 && serveReturnedFile(sandboxId, files.first())) {
        deliver(p, SandboxError{});
        return p->future();
    }
    Op *op = newOp(sandboxId);
    op->failFn = [p](const SandboxError &e) { deliver(p, e); };
    op->succeed = [p] { deliver(p, SandboxError{}); };
    downloadNext(op, sandboxId, files);
    return p->future();
}

bool DaytonaBackend::serveReturnedFile(const QString &sandboxId, const DownloadFile &f)
{
    const auto it = m_returned.constFind(sandboxId);
    if (it == m_returned.cend() || it->remotePath != workDirFor(sandboxId) + u'/' + f.remotePath)
        return false;
    const ReturnedFile returned = m_returned.take(sandboxId);
    // Anything the download would refuse, it refuses itself, in its words.
    if ((f.maxBytes > 0 && returned.bytes.size() > f.maxBytes)
        || (!f.sha256.isEmpty()
            && sha256Hex(returned.bytes) != f.sha256.toLower()))
        return false;
    // As a download writes it: beside, then renamed; complete or absent.
    QDir().mkpath(QFileInfo(f.localPath).absolutePath());
    QFile part(f.localPath + u".part"_s);
    if (!part.open(QIODevice::WriteOnly | QIODevice::Truncate) || part.write(returned.bytes) != returned.bytes.size()) {
        part.remove();
        return false;
    }
    part.close();
    QFile::remove(f.localPath);
    if (part.error() != QFileDevice::NoError || !part.rename(f.localPath)) {
        part.remove();
        return false;
    }
    return true;
}

void DaytonaBackend::downloadNext(Op *op, const QString &sandboxId, QList<DownloadFile> files)
{
    if (files.isEmpty()) {
        op->succeedNow();
        return;
    }
    const DownloadFile f = files.takeFirst();
    auto *job = m_client->download(toolboxFor(sandboxId), sandboxId, workDirFor(sandboxId) + u'/' + f.remotePath,
                                   f.localPath, f.sha256, f.maxBytes);
    QPointer<Op> guard(op);
    run(op, job, [this, guard, sandboxId, files, f](ApiJob *j) {
        if (!j->error().ok()) {
            SandboxError e = j->error().toSandboxError();
            const auto *dj = static_cast<DownloadJob *>(j);
            if (dj->digestMismatch() || dj->tooLarge())
                e.cls = ErrorClass::BadOutput;
            e.tooLarge = dj->tooLarge();
            guard->fail(e);
            return;
        }
        downloadNext(guard, sandboxId, files);
    });
}

QFuture<SandboxError> DaytonaBackend::reset(const QString &sandboxId)
{
    auto p = makePromise<SandboxError>();
    if (toolboxFor(sandboxId).isEmpty()) {
        deliver(p, unknownSandbox(sandboxId));
        return p->future();
    }
    // No waiting: the next shard gets a fresh folder at once, and the daemon removes the
    // previous one while that shard uploads; its command goes out once the removal answered
    // (exec), and removes the folder itself if the daemon could not (wipePrefix).
    const QString previous = generationRoot(sandboxId);
    m_returned.remove(sandboxId);
    m_staleDirs[sandboxId].append(previous);
    m_generation.insert(sandboxId, m_generation.value(sandboxId) + 1);
    startWipe(sandboxId, previous);
    deliver(p, SandboxError{});
    return p->future();
}

QFuture<SandboxError> DaytonaBackend::destroy(const QString &sandboxId)
{
    m_returned.remove(sandboxId);
    auto p = makePromise<SandboxError>();
    Op *op = newOp(sandboxId);
    op->failFn = [p](const SandboxError &e) { deliver(p, e); };
    op->succeed = [p] { deliver(p, SandboxError{}); };
    deleteWithConflictRetry(op, sandboxId, 0);
    return p->future();
}

void DaytonaBackend::deleteWithConflictRetry(Op *op, const QString &id, int attempt)
{
    QPointer<Op> guard(op);
    run(op, m_client->deleteSandbox(id), [this, guard, id, attempt](ApiJob *j) {
        const int status = j->error().httpStatus;
        if (status == 404) {
            Q_EMIT released(id);
            pollUntilGone(guard, id, 0);
            return;
        }
        if (j->error().ok()) {
            // The reply is the sandbox. Deleting renames it (docs/daytona-api.md §3.3): a delete by
            // name is confirmed by polling the id, since the name answers 404 at once.
            daytona::SandboxDto dto;
            const bool parsed = daytona::parseSandbox(j->body(), &dto, nullptr) && !dto.id.isEmpty();
            const QString polled = parsed ? dto.id : id;
            // `destroying` no longer counts against the quota (docs/daytona-api.md §7.3).
            if (parsed && (dto.state == "destroying"_L1 || dto.state == "destroyed"_L1))
                Q_EMIT released(polled);
            pollUntilGone(guard, polled, m_options.destroyPollFirstMs);
            return;
        }
        if (status == 409 && attempt < m_options.conflictRetries) {
            // "State change in progress" (e.g. still being created): wait and retry.
            const int delay = qMin(2000, 100 << qMin(attempt, 5));
            QTimer::singleShot(delay, guard, [this, guard, id, attempt] {
                if (guard && !guard->done)
                    deleteWithConflictRetry(guard, id, attempt + 1);
            });
            return;
        }
        guard->fail(j->error().toSandboxError());
    });
}

void DaytonaBackend::pollUntilGone(Op *op, const QString &id, int delayMs)
{
    QPointer<Op> guard(op);
    QTimer::singleShot(delayMs, op, [this, guard, id, delayMs] {
        if (!guard || guard->done)
            return;
        run(guard, m_client->getSandbox(id), [this, guard, id, delayMs](ApiJob *j) {
            daytona::SandboxDto dto;
            const bool gone = j->error().httpStatus == 404
                || (j->error().ok() && daytona::parseSandbox(j->body(), &dto, nullptr) && dto.state == "destroyed"_L1);
            if (gone) {
                m_toolbox.remove(id);
                m_sessions.remove(id);
                m_generation.remove(id);
                m_staleDirs.remove(id);
                m_wipes.remove(id);
                m_returned.remove(id);
                guard->succeedNow();
                return;
            }
            if (!j->error().ok()) {
                guard->fail(j->error().toSandboxError());
                return;
            }
            if (dto.state == "destroying"_L1)
                Q_EMIT released(id);   // the runner took it: no longer counted (docs/daytona-api.md §7.3)
            if (guard->clock.elapsed() > m_options.destroyTimeoutMs) {
                guard->fail(makeSandboxError(ErrorClass::Infrastructure,
                                             tr("Sandbox %1 was not gone %2 s after deleting it (state %3).")
                                                 .arg(id).arg(m_options.destroyTimeoutMs / 1000).arg(dto.state)));
                return;
            }
            pollUntilGone(guard, id, qBound(std::min(delayMs * 2 + 1, m_options.pollInitialMs), int(delayMs * 1.5) + 1, m_options.pollMaxMs));
        });
    });
}

QFuture<Outcome<QList<SandboxInfo>>> DaytonaBackend::list(const QMap<QString, QString> &labels)
{
    auto p = makePromise<Outcome<QList<SandboxInfo>>>();
    Op *op = newOp(QString());
    op->failFn = [p](const SandboxError &e) { deliver(p, Outcome<QList<SandboxInfo>>{{}, e}); };
    auto acc = std::make_shared<QList<SandboxInfo>>();
    op->succeed = [p, acc] { deliver(p, Outcome<QList<SandboxInfo>>{*acc, {}}); };
    listPage(op, labels, QString(), acc);
    return p->future();
}

void DaytonaBackend::listPage(Op *op, const QMap<QString, QString> &labels, const QString &cursor,
                              std::shared_ptr<QList<SandboxInfo>> acc)
{
    QPointer<Op> guard(op);
    run(op, m_client->listSandboxes(labels, cursor), [this, guard, labels, cursor, acc](ApiJob *j) {
        daytona::SandboxPage page;
        QString why;
        if (!j->error().ok() || !daytona::parseSandboxPage(j->body(), &page, &why)) {
            guard->fail(j->error().ok() ? makeSandboxError(ErrorClass::Infrastructure, tr("Could not list sandboxes: unexpected reply."), why)
                                        : j->error().toSandboxError());
            return;
        }
        for (const daytona::SandboxDto &dto : std::as_const(page.items)) {
            // The filter is the server's; check containment again in case an old server ignored it.
            bool match = true;
            for (auto it = labels.begin(); it != labels.end() && match; ++it)
                match = dto.labels.value(it.key()) == it.value();
            if (match)
                acc->append(SandboxInfo{dto.id, dto.state, dto.labels, dto.createdAt});
        }
        if (!page.nextCursor.isEmpty() && page.nextCursor != cursor) {
            listPage(guard, labels, page.nextCursor, acc);
            return;
        }
        guard->succeedNow();
    });
}

void DaytonaBackend::cancel(const QString &sandboxId)
{
    const auto ops = m_ops;
    for (Op *op : ops) {
        if (op->sandboxId == sandboxId && !op->done)
            op->fail(makeSandboxError(ErrorClass::Cancelled, tr("Cancelled.")));
    }
}

} // namespace mrp
