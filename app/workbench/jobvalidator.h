// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "editordiagnostic.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

namespace mrp {

// What validating the job text found (a value; made on a worker thread).
struct JobValidation {
    quint64 generation = 0;
    QList<EditorDiagnostic> diagnostics;   // for the job file itself
    QString jobName;
    QString datasetPath;                   // resolved, when the job names one
    QString operatorPath;                  // resolved map operator file, when named
    QString entrypoint;
    int shardSize = 0;
    int concurrency = 0;                   // policy.max_concurrency_map (0 = not set)
    bool skipBadRecords = false;           // dataset.on_bad_record: skip
    bool ok = false;                       // no errors
};

// Validates job YAML as the user types: request() restarts a debounce timer (300 ms); then the
// text — a value snapshot — is validated with QtConcurrent::run and the result comes back to
// the GUI thread through a QFutureWatcher. Every request bumps a generation number; results
// of older generations are dropped, so validated() always describes the latest text.
class JobValidator : public QObject
{
    Q_OBJECT
public:
    explicit JobValidator(QObject *parent = nullptr);
    ~JobValidator() override;

    void request(const QString &text, const QString &path);
    // Skips the debounce (e.g. right after opening a file).
    void requestNow(const QString &text, const QString &path);
    quint64 generation() const { return m_generation; }
    int debounceMs() const { return m_debounce.interval(); }

    // Pure and thread-safe: the validation itself.
    static JobValidation validate(const QByteArray &yaml, const QString &path);

Q_SIGNALS:
    void validated(const mrp::JobValidation &result);

private:
    void start();

    QTimer m_debounce;
    QString m_text;
    QString m_path;
    quint64 m_generation = 0;
    QFutureWatcher<JobValidation> *m_watcher = nullptr;
};

} // namespace mrp

Q_DECLARE_METATYPE(mrp::JobValidation)
