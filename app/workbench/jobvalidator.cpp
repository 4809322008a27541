// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "jobvalidator.h"

#include "job/jobloader.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace mrp {

JobValidator::JobValidator(QObject *parent)
    : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &JobValidator::start);
}

JobValidator::~JobValidator()
{
    // A validation still running finishes on the pool; its result has nowhere to go.
    if (m_watcher)
        m_watcher->disconnect(this);
}

void JobValidator::request(const QString &text, const QString &path)
{
    m_text = text;
    m_path = path;
    ++m_generation;
    m_debounce.start();
}

void JobValidator::requestNow(const QString &text, const QString &path)
{
    m_text = text;
    m_path = path;
    ++m_generation;
    m_debounce.stop();
    start();
}

void JobValidator::start()
{
    const quint64 generation = m_generation;
    const QByteArray yaml = m_text.toUtf8();
    const QString path = m_path;
    auto *watcher = new QFutureWatcher<JobValidation>(this);
    connect(watcher, &QFutureWatcher<JobValidation>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher == m_watcher)
            m_watcher = nullptr;
        JobValidation result = watcher->result();
        if (result.generation != m_generation)
            return;   // the text changed since: a newer validation is coming
        Q_EMIT validated(result);
    });
    m_watcher = watcher;
    watcher->setFuture(QtConcurrent::run([yaml, path, generation] {
        JobValidation v = validate(yaml, path);
        v.generation = generation;
        return v;
    }));
}

JobValidation JobValidator::validate(const QByteArray &yaml, const QString &path)
{
    JobValidation v;
    const JobLoadResult r = loadJobText(yaml, path);
    for (const Diagnostic &d : r.diagnostics) {
        EditorDiagnostic e;
        e.file = d.file;
        e.line = d.line;
        e.column = d.column;
        e.key = d.key;
        e.message = d.message;
        e.hint = d.hint;
        e.isWarning = !d.isError();
        v.diagnostics.append(e);
    }
    v.ok = r.ok();
    v.jobName = r.job.name;
    v.datasetPath = r.job.dataset.resolvedPath;
    v.operatorPath = r.job.map.resolvedPath;
    v.entrypoint = r.job.map.entrypoint;
    v.shardSize = r.job.dataset.shardSize;
    v.skipBadRecords = r.job.dataset.onBadRecord == u"skip";
    v.concurrency = r.job.policy.maxConcurrencyMap.value_or(0);
    return v;
}

} // namespace mrp
