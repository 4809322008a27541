// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include "jobvalidator.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;

namespace KSyntaxHighlighting {
class Repository;
}

namespace mrp {

class CodeEditor;

// The Job page: the job YAML editor and the map operator editor (both highlighted), validated
// as the user types (JobValidator), problems underlined and listed; activating a problem jumps
// to its file:line:col. File I/O here is limited to the job and operator files (small).
class JobPage : public QWidget
{
    Q_OBJECT
public:
    explicit JobPage(KSyntaxHighlighting::Repository *repository, QWidget *parent = nullptr);

    // Loads a job file (and its operator once validation names it). False + *error on I/O error.
    bool openJob(const QString &path, QString *error = nullptr);
    // Writes the job (and the operator when it was edited or is new) to `path`.
    bool saveJob(const QString &path, QString *error = nullptr);
    // An untitled job from the template, with a generated operator stub; not modified. Its
    // first save writes the operator and a small sample dataset (inputs.jsonl) next to it.
    void newJob();
    bool isUntitled() const { return m_jobPath.isEmpty(); }

    QString jobPath() const { return m_jobPath; }
    QString operatorPath() const { return m_operatorPath; }
    bool isModified() const;
    const JobValidation &lastValidation() const { return m_validation; }

    CodeEditor *jobEditor() const { return m_jobEditor; }
    CodeEditor *operatorEditor() const { return m_operatorEditor; }
    QListWidget *problemList() const { return m_problems; }
    JobValidator *validator() const { return m_validator; }

    // Sets one value of the job (e.g. {"dataset", "shard_size"}, "50") in the job editor as an
    // undoable change; successive changes of the same key with nothing typed between them are
    // one undo step. False + *error when the job text cannot be edited (a YAML error).
    bool setJobValue(const QStringList &keyPath, const QString &yamlValue, QString *error = nullptr);
    // The dataset path as the job should name it: relative to the job file when it is saved.
    QString jobRelativePath(const QString &path) const;

    static QString jobTemplate();
    static QString operatorStub(const QString &entrypoint);

Q_SIGNALS:
    void jobPathChanged(const QString &path);
    void modifiedChanged(bool modified);
    // After every validation of the latest text.
    void validationChanged(const mrp::JobValidation &result);

private:
    void onValidated(const JobValidation &result);
    void onProblemActivated(QListWidgetItem *item);
    void loadOperator(const QString &path);
    void updateHeaders();

    KSyntaxHighlighting::Repository *m_repository;
    CodeEditor *m_jobEditor;
    CodeEditor *m_operatorEditor;
    QListWidget *m_problems;
    QLabel *m_jobLabel;
    QLabel *m_operatorLabel;
    QLabel *m_problemsLabel;
    JobValidator *m_validator;
    JobValidation m_validation;
    QString m_jobPath;
    QString m_operatorPath;
    bool m_operatorIsNew = false;
    bool m_isTemplate = false;   // a new job not saved yet: its first save writes the sample dataset
    QStringList m_lastEditKey;   // the key of the last setJobValue() and the document's
    int m_lastEditRevision = -1; // revision after it, to merge repeated changes into one step
};

} // namespace mrp
