// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "local/localbackend.h"

#include "local/localbackend_p.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace mrp {

LocalBackend::LocalBackend(QObject *parent)
    : LocalBackend(Options{}, parent)
{
}

LocalBackend::LocalBackend(const Options &options, QObject *parent)
    : SandboxBackend(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->options = options;
    d->baseDir = options.baseDir.isEmpty()
        ? localfiles::defaultBaseDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/sandboxes"_s)
        : options.baseDir;
    d->baseDir = QDir::cleanPath(QDir(d->baseDir).absolutePath());
    QDir().mkpath(d->baseDir);
    // As root, each sandbox's commands run as a uid of its own that must walk through this
    // folder (whatever the umask made it); its parents are checked in detectIsolation().
    if (runningAsRoot())
        QFile::setPermissions(d->baseDir, QFile::permissions(d->baseDir) | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    d->detectIsolation();
}

LocalBackend::~LocalBackend()
{
    d->shuttingDown = true;
    if (QProcess *p = std::exchange(d->probeProcess, nullptr)) {
        p->disconnect(this);
        killProcessTree(p);
        delete p;
    }
    const auto execs = d->execs.values();
    for (Private::Exec *e : execs) {
        e->cancelled = true;
        killProcessTree(e->process, e->pid);
        e->op->finish({e->result, cancelledError()});
        d->execs.remove(e->opId);
        e->process->disconnect(this);
        // QProcess's destructor kills and reaps the (already SIGKILLed) child.
        delete e->process;
        delete e;
    }
    const auto ops = d->pendingOps.values();
    d->pendingOps.clear();
    for (const auto &op : ops)
        op.second();
    const auto waiters = std::exchange(d->probeWaiters, {});
    d->probe = Private::Probe::Failed;
    for (const auto &fn : waiters)
        fn();
}

QString LocalBackend::name() const
{
    return u"local"_s;
}

bool LocalBackend::isIsolated() const
{
    return d->isolated;
}

QString LocalBackend::isolationDescription() const
{
    return d->fullDescription(d->options.memoryBytes);
}

QString LocalBackend::isolationDescription(const SandboxSpec &spec) const
{
    return d->fullDescription(d->options.memoryBytes > 0 ? d->options.memoryBytes : sandboxMemoryBytes(spec));
}

QFuture<SandboxError> LocalBackend::checkIsolation(const SandboxSpec &spec)
{
    auto op = std::make_shared<Op<SandboxError>>(cancelledError());
    QFuture<SandboxError> future = op->promise.future();
    const quint64 pendingId = ++d->nextOpId;
    d->pendingOps.insert(pendingId, {QString(), [op] { op->cancelOp(); }});
    d->whenProbed([this, op, spec, pendingId] {
        d->pendingOps.remove(pendingId);
        if (d->shuttingDown)
            op->cancelOp();
        else
            op->finish(d->refusal(spec));
    });
    return future;
}

QString LocalBackend::baseDirFor(const QString &dataDir)
{
    const QString base = localfiles::defaultBaseDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
                                                    + u"/sandboxes"_s);
    const QByteArray key = QCryptographicHash::hash(QDir(dataDir).absolutePath().toUtf8(), QCryptographicHash::Sha256);
    return base + u'/' + QString::fromLatin1(key.toHex().left(16));
}

QString LocalBackend::baseDir() const
{
    return d->baseDir;
}

QString LocalBackend::workDir(const QString &sandboxId) const
{
    const LocalSandboxMeta *meta = d->lookup(sandboxId);
    return meta ? meta->workDir() : QString();
}

int LocalBackend::runningCount() const
{
    return int(d->execs.size());
}

QFuture<Outcome<SandboxInfo>> LocalBackend::create(const SandboxSpec &spec)
{
    using R = Outcome<SandboxInfo>;
    auto op = std::make_shared<Op<R>>(R{{}, cancelledError()});
    QFuture<R> future = op->promise.future();
    const quint64 pendingId = ++d->nextOpId;
    d->pendingOps.insert(pendingId, {QString(), [op] { op->cancelOp(); }});
    d->whenProbed([this, op, spec, pendingId] {
        if (op->done)
            return;
        if (d->shuttingDown) {
            op->cancelOp();
            return;
        }
        if (const SandboxError refused = d->refusal(spec); !refused.ok()) {
            d->pendingOps.remove(pendingId);
            op->finish({{}, refused});
            return;
        }
        LocalSandboxMeta meta;
        meta.id = u"local-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        meta.root = d->baseDir + u'/' + meta.id;
        meta.labels = spec.labels;
        if (!spec.runId.isEmpty())
            meta.labels.insert(u"mrp.run"_s, spec.runId);
        if (!spec.shardId.isEmpty())
            meta.labels.insert(u"mrp.shard"_s, spec.shardId);
        if (!spec.ownerId.isEmpty())
            meta.labels.insert(u"mrp.owner"_s, spec.ownerId);
        meta.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        meta.uid = d->sandboxUid();
        meta.memoryBytes = sandboxMemoryBytes(spec);
        meta.fileSizeBytes = qint64(qMax(0.0625, spec.diskGib) * double(1ll << 30));
        meta.cpu = qMax(1, spec.cpu);
        d->fileOp<R>(
             meta.id,
             [meta] {
                 R r;
                 r.error = localfiles::createSandbox(meta);
                 if (r.error.ok()) {
                     r.value.id = meta.id;
                     r.value.state = u"started"_s;
                     r.value.labels = meta.labels;
                     r.value.createdAt = meta.createdAt;
                 } else {
                     localfiles::remove(meta);
                 }
                 return r;
             },
             R{{}, cancelledError()}, false,
             [this, meta](const R &r) {
                 if (r.ok())
                     d->sandboxes.insert(meta.id, meta);
             })
            .then(this, [this, op, pendingId](const R &r) {
                d->pendingOps.remove(pendingId);
                op->finish(r);
            });
    });
    return future;
}

QFuture<SandboxError> LocalBackend::upload(const QString &sandboxId, const QList<UploadFile> &files)
{
    return d->sandboxFileOp(sandboxId, false, [files](const LocalSandboxMeta &m) { return localfiles::upload(m, files); });
}

QFuture<Outcome<ExecResult>> LocalBackend::exec(const QString &sandboxId, const ExecRequest &request)
{
    using R = Outcome<ExecResult>;
    auto op = std::make_shared<Op<R>>(R{{}, cancelledError()});
    QFuture<R> future = op->promise.future();
    const quint64 pendingId = ++d->nextOpId;
    d->pendingOps.insert(pendingId, {sandboxId, [op] { op->cancelOp(); }});
    d->whenProbed([this, op, sandboxId, request, pendingId] {
        d->pendingOps.remove(pendingId);
        d->startExec(op, sandboxId, request);
    });
    return future;
}

QFuture<SandboxError> LocalBackend::download(const QString &sandboxId, const QList<DownloadFile> &files)
{
    return d->sandboxFileOp(sandboxId, false, [files](const LocalSandboxMeta &m) { return localfiles::download(m, files); });
}

QFuture<SandboxError> LocalBackend::reset(const QString &sandboxId)
{
    return d->sandboxFileOp(sandboxId, true, [](const LocalSandboxMeta &m) { return localfiles::wipeWork(m); });
}

QFuture<SandboxError> LocalBackend::destroy(const QString &sandboxId)
{
    const LocalSandboxMeta *meta = d->lookup(sandboxId);
    if (!meta) {
        // Already gone counts as destroyed; a malformed id does not.
        if (localfiles::isValidSandboxId(sandboxId))
            return QtFuture::makeReadyValueFuture(SandboxError{});
        return QtFuture::makeReadyValueFuture(unknownSandbox(sandboxId));
    }
    for (Private::Exec *e : std::as_const(d->execs)) {
        if (e->sandboxId == sandboxId) {
            e->cancelled = true;
            d->kill(e);
        }
    }
    if (!d->isolated)
        killStrays(sandboxId);  // what an unisolated command left running in the background
    // Its budget goes once its commands have (each running one holds it): killed, removed.
    d->groups.remove(sandboxId);
    return d->sandboxFileOp(
        sandboxId, true, [](const LocalSandboxMeta &m) { return localfiles::remove(m); },
        [this, sandboxId](const SandboxError &err) {
            if (err.ok())
                d->sandboxes.remove(sandboxId);
        });
}

QFuture<Outcome<QList<SandboxInfo>>> LocalBackend::list(const QMap<QString, QString> &labels)
{
    using R = Outcome<QList<SandboxInfo>>;
    const QString base = d->baseDir;
    return d->fileOp<R>(QString(), [base, labels] { return R{localfiles::list(base, labels), {}}; },
                        R{{}, cancelledError()});
}

void LocalBackend::cancel(const QString &sandboxId)
{
    for (Private::Exec *e : std::as_const(d->execs)) {
        if (e->sandboxId == sandboxId && !e->cancelled) {
            e->cancelled = true;
            d->kill(e);
        }
    }
    QList<std::function<void()>> toCancel;
    for (auto it = d->pendingOps.begin(); it != d->pendingOps.end();) {
        if (it.value().first == sandboxId) {
            toCancel.append(it.value().second);
            it = d->pendingOps.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto &fn : toCancel)
        fn();
}

} // namespace mrp
