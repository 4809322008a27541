// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "operatorscanner.h"

#include "sandbox/sandboxbackend.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QPromise>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

Q_LOGGING_CATEGORY(lcScanner, "mrp.services.operatorscanner")

using namespace Qt::StringLiterals;

namespace mrp {

namespace {

constexpr QLatin1StringView ScannerFile{"scan_operator.py"};
constexpr QLatin1StringView PolicyFile{"policy.json"};
constexpr QLatin1StringView OperatorFile{"operator_source.py"};

QByteArray scannerSource()
{
    QFile f(u":/mrp/runner/scan_operator.py"_s);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

} // namespace

struct OperatorScanner::Pending {
    QPromise<OperatorScanResult> promise;
    bool done = false;
    std::unique_ptr<QTemporaryDir> dir;
    QPointer<QProcess> process;
    QString sandboxId;
    Pending() { promise.start(); }
    void finish(OperatorScanResult r)
    {
        if (done)
            return;
        done = true;
        promise.addResult(std::move(r));
        promise.finish();
    }
    void fail(const QString &why)
    {
        OperatorScanResult r;
        r.error = why;
        finish(std::move(r));
    }
};

OperatorScanner::OperatorScanner(SandboxBackend *backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
{
}

OperatorScanner::~OperatorScanner()
{
    const auto pending = std::exchange(m_pending, {});
    for (const auto &p : pending) {
        if (p->process) {
            p->process->disconnect(this);
            p->process->kill();
        }
        if (!p->sandboxId.isEmpty() && m_backend) {
            m_backend->cancel(p->sandboxId);
            m_backend->destroy(p->sandboxId);
        }
        p->fail(tr("The operator scan was abandoned."));
    }
}

QByteArray OperatorScanner::policyJson(const OperatorPolicy &policy)
{
    const QJsonObject o{{u"allowedImports"_s, QJsonArray::fromStringList(policy.allowedImports)},
                        {u"blockedImports"_s, QJsonArray::fromStringList(policy.blockedImports)},
                        {u"blockedCalls"_s, QJsonArray::fromStringList(policy.blockedCalls)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool OperatorScanner::parseOutput(const QByteArray &stdoutData, QList<OperatorScanFinding> *findings)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(stdoutData.trimmed(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject() || !doc.object().value(u"findings"_s).isArray())
        return false;
    findings->clear();
    const QJsonArray list = doc.object().value(u"findings"_s).toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject f = v.toObject();
        findings->append({f.value(u"kind"_s).toString(), f.value(u"name"_s).toString(), f.value(u"line"_s).toInt(),
                          f.value(u"col"_s).toInt(), f.value(u"message"_s).toString()});
    }
    return true;
}

QFuture<OperatorScanResult> OperatorScanner::scan(const QByteArray &code, const OperatorPolicy &policy, int timeoutSec)
{
    return m_backend ? scanInSandbox(code, policy, timeoutSec) : scanInProcess(code, policy, timeoutSec);
}

QFuture<OperatorScanResult> OperatorScanner::scanInSandbox(const QByteArray &code, const OperatorPolicy &policy,
                                                           int timeoutSec)
{
    auto p = std::make_shared<Pending>();
    QFuture<OperatorScanResult> future = p->promise.future();
    m_pending.append(p);
    auto done = [this, p](OperatorScanResult r) {
        m_pending.removeAll(p);
        if (!p->sandboxId.isEmpty() && m_backend)
            m_backend->destroy(std::exchange(p->sandboxId, {}));
        p->finish(std::move(r));
    };
    auto failed = [done](const QString &why) {
        OperatorScanResult r;
        r.error = why;
        done(r);
    };

    p->dir = std::make_unique<QTemporaryDir>();
    const QString d = p->dir->path();
    if (!p->dir->isValid() || !writeFile(d + u'/' + ScannerFile, scannerSource())
        || !writeFile(d + u'/' + PolicyFile, policyJson(policy)) || !writeFile(d + u'/' + OperatorFile, code)) {
        failed(tr("Could not prepare the operator scan: the temporary folder is not writable."));
        return future;
    }
    SandboxSpec spec;
    spec.labels.insert(u"mrp.purpose"_s, u"operator-scan"_s);
    spec.memoryGib = 0.5;
    QPointer<SandboxBackend> backend = m_backend;
    backend->create(spec).then(this, [this, p, d, backend, timeoutSec, done, failed](const Outcome<SandboxInfo> &c) {
        if (p->done)
            return;
        if (!c.ok() || !backend) {
            failed(tr("Could not start a sandbox for the operator scan: %1").arg(c.error.message));
            return;
        }
        p->sandboxId = c.value.id;
        const QList<UploadFile> files{{d + u'/' + ScannerFile, QString(ScannerFile)},
                                      {d + u'/' + PolicyFile, QString(PolicyFile)},
                                      {d + u'/' + OperatorFile, QString(OperatorFile)}};
        backend->upload(c.value.id, files).then(this, [this, p, backend, timeoutSec, done, failed](const SandboxError &up) {
            if (p->done)
                return;
            if (!up.ok() || !backend) {
                failed(tr("Could not upload the operator for scanning: %1").arg(up.message));
                return;
            }
            ExecRequest req;
            req.argv = {u"python3"_s, u"-I"_s, u"-B"_s, QString(ScannerFile), QString(PolicyFile), QString(OperatorFile)};
            req.timeoutSec = timeoutSec;
            const bool isolated = backend->isIsolated();
            backend->exec(p->sandboxId, req).then(this, [p, isolated, done, failed](const Outcome<ExecResult> &r) {
                if (p->done)
                    return;
                if (!r.ok()) {
                    failed(tr("The operator scan did not run: %1").arg(r.error.message));
                    return;
                }
                OperatorScanResult result;
                result.isolated = isolated;
                if ((r.value.exitCode != 0 && r.value.exitCode != 1) || !parseOutput(r.value.stdoutData, &result.findings)) {
                    failed(tr("The operator scan failed (%1): %2")
                               .arg(errorClassName(r.value.errorClass), QString::fromUtf8(r.value.stderrData.left(2000))));
                    return;
                }
                result.ok = result.findings.isEmpty();
                done(result);
            });
        });
    });
    return future;
}

QFuture<OperatorScanResult> OperatorScanner::scanInProcess(const QByteArray &code, const OperatorPolicy &policy,
                                                           int timeoutSec)
{
    auto p = std::make_shared<Pending>();
    QFuture<OperatorScanResult> future = p->promise.future();
    p->dir = std::make_unique<QTemporaryDir>();
    const QString d = p->dir->path();
    const QString python = QStandardPaths::findExecutable(u"python3"_s);
    if (python.isEmpty()) {
        p->fail(tr("Could not scan the operator: python3 was not found. Install Python 3."));
        return future;
    }
    if (!p->dir->isValid() || !writeFile(d + u'/' + ScannerFile, scannerSource())
        || !writeFile(d + u'/' + PolicyFile, policyJson(policy)) || !writeFile(d + u'/' + OperatorFile, code)) {
        p->fail(tr("Could not prepare the operator scan: the temporary folder is not writable."));
        return future;
    }
    m_pending.append(p);
    auto *proc = new QProcess(this);
    p->process = proc;
    proc->setWorkingDirectory(d);
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/local/bin:/usr/bin:/bin"_s);
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    proc->setProcessEnvironment(env);
    proc->setProgram(python);
    proc->setArguments({u"-I"_s, u"-B"_s, QString(ScannerFile), QString(PolicyFile), QString(OperatorFile)});
    auto *timer = new QTimer(proc);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, proc, &QProcess::kill);
    auto finishWith = [this, p, proc](const OperatorScanResult &r) {
        m_pending.removeAll(p);
        proc->disconnect(this);
        proc->deleteLater();
        p->finish(r);
    };
    connect(proc, &QProcess::finished, this, [proc, timer, finishWith](int exitCode, QProcess::ExitStatus st) {
        OperatorScanResult r;
        if (st != QProcess::NormalExit || (exitCode != 0 && exitCode != 1)
            || !parseOutput(proc->readAllStandardOutput(), &r.findings)) {
            r.error = timer->isActive() ? tr("The operator scan failed: %1").arg(QString::fromUtf8(proc->readAllStandardError().left(2000)))
                                        : tr("The operator scan timed out.");
        } else {
            r.ok = r.findings.isEmpty();
        }
        finishWith(r);
    });
    connect(proc, &QProcess::errorOccurred, this, [proc, finishWith](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return;
        OperatorScanResult r;
        r.error = tr("Could not start python3 for the operator scan: %1").arg(proc->errorString());
        finishWith(r);
    });
    timer->start(qMax(1, timeoutSec) * 1000);
    proc->start();
    return future;
}

} // namespace mrp
