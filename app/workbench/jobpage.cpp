// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "jobpage.h"

#include "codeeditor.h"
#include "job/jobtextedit.h"

#include "data/inputfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QSaveFile>
#include <QSplitter>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>

namespace mrp {

namespace {
// The largest job or operator file the editors open: the compiler's limit for both.
constexpr qint64 MaxEditorBytes = 4 << 20;

enum ProblemRole { FileRole = Qt::UserRole + 1, LineRole, ColumnRole };

QWidget *titled(QLabel *label, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    label->setBuddy(content);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}
} // namespace

JobPage::JobPage(KSyntaxHighlighting::Repository *repository, QWidget *parent)
    : QWidget(parent)
    , m_repository(repository)
    , m_jobEditor(new CodeEditor(repository, this))
    , m_operatorEditor(new CodeEditor(repository, this))
    , m_problems(new QListWidget(this))
    , m_jobLabel(new QLabel(this))
    , m_operatorLabel(new QLabel(this))
    , m_problemsLabel(new QLabel(this))
    , m_validator(new JobValidator(this))
{
    m_jobEditor->setDefinitionName(QStringLiteral("YAML"));
    m_operatorEditor->setDefinitionName(QStringLiteral("Python"));
    m_jobEditor->setAccessibleName(tr("Job file editor"));
    m_operatorEditor->setAccessibleName(tr("Map operator editor"));
    m_problems->setAccessibleName(tr("Problems in the job"));
    m_problems->setWordWrap(true);
    m_problems->setSelectionMode(QAbstractItemView::SingleSelection);

    auto *editors = new QSplitter(Qt::Horizontal, this);
    editors->addWidget(titled(m_jobLabel, m_jobEditor, editors));
    editors->addWidget(titled(m_operatorLabel, m_operatorEditor, editors));
    editors->setChildrenCollapsible(false);
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(editors);
    vertical->addWidget(titled(m_problemsLabel, m_problems, vertical));
    vertical->setStretchFactor(0, 4);
    vertical->setStretchFactor(1, 1);
    vertical->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(vertical);

    connect(m_jobEditor, &QPlainTextEdit::textChanged, this, [this] {
        m_validator->request(m_jobEditor->toPlainText(), m_jobPath);
    });
    connect(m_jobEditor->document(), &QTextDocument::modificationChanged, this, [this] {
        updateHeaders();
        Q_EMIT modifiedChanged(isModified());
    });
    connect(m_operatorEditor->document(), &QTextDocument::modificationChanged, this, [this] {
        updateHeaders();
        Q_EMIT modifiedChanged(isModified());
    });
    connect(m_validator, &JobValidator::validated, this, &JobPage::onValidated);
    connect(m_problems, &QListWidget::itemActivated, this, &JobPage::onProblemActivated);
    updateHeaders();
}

bool JobPage::isModified() const
{
    return m_jobEditor->document()->isModified() || m_operatorEditor->document()->isModified();
}

void JobPage::updateHeaders()
{
    const QString jobName = m_jobPath.isEmpty() ? tr("untitled job") : QFileInfo(m_jobPath).fileName();
    m_jobLabel->setText(m_jobEditor->document()->isModified() ? tr("&Job: %1 (modified)").arg(jobName) : tr("&Job: %1").arg(jobName));
    const QString opName = !m_operatorPath.isEmpty() ? QFileInfo(m_operatorPath).fileName()
        : m_isTemplate                              ? tr("new, saved with the job")
                                                    : tr("none");
    m_operatorLabel->setText(m_operatorEditor->document()->isModified() ? tr("&Operator: %1 (modified)").arg(opName)
                                                                        : tr("&Operator: %1").arg(opName));
    const int n = int(m_validation.diagnostics.size());
    m_problemsLabel->setText(n == 0 ? tr("Pro&blems: none") : tr("Pro&blems: %n", nullptr, n));
}

QString JobPage::jobTemplate()
{
    return QStringLiteral(
        "version: 1\n"
        "name: my-eval\n"
        "dataset:\n"
        "  path: inputs.jsonl   # a sample, saved with the job\n"
        "  shard_size: 10\n"
        "map:\n"
        "  language: python\n"
        "  operator: map_op.py\n"
        "  entrypoint: map_shard\n"
        "reduce:\n"
        "  builtin: merge_counts\n"
        "produce:\n"
        "  - { format: json, path: summary.json }\n"
        "execution_backend: local\n"
        "policy:\n"
        "  max_concurrency_map: 4\n"
        "  shard_timeout_s: 60\n"
        "  max_retries: 2\n");
}

QString JobPage::operatorStub(const QString &entrypoint)
{
    return QStringLiteral(
               "\"\"\"Map operator: called once per shard with the shard's records.\"\"\"\n"
               "\n"
               "\n"
               "def %1(records: list):\n"
               "    \"\"\"Return a JSON-serialisable value for this shard.\"\"\"\n"
               "    print(f\"counting labels of {len(records)} records\")  # in the shard's log\n"
               "    counts = {}\n"
               "    for record in records:\n"
               "        key = str(record.get(\"label\", \"unlabelled\")) if isinstance(record, dict) else \"value\"\n"
               "        counts[key] = counts.get(key, 0) + 1\n"
               "    return counts\n")
        .arg(entrypoint);
}

void JobPage::newJob()
{
    m_jobPath.clear();
    m_operatorPath.clear();
    m_operatorIsNew = true;
    m_isTemplate = true;
    {
        // Not a change by the user: no validation request from textChanged (requestNow below).
        const QSignalBlocker blocker(m_jobEditor);
        m_jobEditor->setPlainText(jobTemplate());
    }
    m_operatorEditor->setPlainText(operatorStub(QStringLiteral("map_shard")));
    m_jobEditor->setDefinitionName(QStringLiteral("YAML"));
    m_operatorEditor->setDefinitionName(QStringLiteral("Python"));
    m_jobEditor->document()->setModified(false);
    m_operatorEditor->document()->setModified(false);
    m_lastEditKey.clear();
    updateHeaders();
    Q_EMIT jobPathChanged(m_jobPath);
    m_validator->requestNow(m_jobEditor->toPlainText(), m_jobPath);
}

bool JobPage::openJob(const QString &path, QString *error)
{
    QByteArray text;
    QString problem;
    if (!readRegularFile(path, MaxEditorBytes, &text, &problem)) {
        if (error)
            *error = tr("Could not open the job: %1").arg(problem);
        return false;
    }
    m_jobPath = QFileInfo(path).absoluteFilePath();
    m_operatorPath.clear();
    m_operatorIsNew = false;
    m_isTemplate = false;
    m_lastEditKey.clear();
    m_operatorEditor->clear();
    m_operatorEditor->document()->setModified(false);
    m_jobEditor->setDefinitionForFileName(m_jobPath);
    {
        const QSignalBlocker blocker(m_jobEditor);
        m_jobEditor->setPlainText(QString::fromUtf8(text));
    }
    m_jobEditor->document()->setModified(false);
    updateHeaders();
    Q_EMIT jobPathChanged(m_jobPath);
    m_validator->requestNow(m_jobEditor->toPlainText(), m_jobPath);
    return true;
}

void JobPage::loadOperator(const QString &path)
{
    QByteArray text;
    QString problem;
    m_operatorPath = path;
    if (!readRegularFile(path, MaxEditorBytes, &text, &problem)) {
        // A job may name an operator that does not exist yet: offer the stub.
        m_operatorEditor->setPlainText(operatorStub(m_validation.entrypoint.isEmpty() ? QStringLiteral("map_shard") : m_validation.entrypoint));
        m_operatorEditor->document()->setModified(true);
        m_operatorIsNew = true;
    } else {
        m_operatorEditor->setPlainText(QString::fromUtf8(text));
        m_operatorEditor->document()->setModified(false);
        m_operatorIsNew = false;
    }
    m_operatorEditor->setDefinitionForFileName(path);
    updateHeaders();
}

bool JobPage::saveJob(const QString &path, QString *error)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QSaveFile job(absolute);
    if (!job.open(QIODevice::WriteOnly) || job.write(m_jobEditor->toPlainText().toUtf8()) < 0 || !job.commit()) {
        if (error)
            *error = tr("Could not save %1: %2").arg(absolute, job.errorString());
        return false;
    }
    const bool renamed = absolute != m_jobPath;
    m_jobPath = absolute;
    m_jobEditor->document()->setModified(false);
    // The operator goes where the job says; for a new job that is next to the job file.
    QString opPath = m_operatorPath;
    if (opPath.isEmpty() || (m_operatorIsNew && renamed)) {
        const JobValidation v = JobValidator::validate(m_jobEditor->toPlainText().toUtf8(), m_jobPath);
        opPath = v.operatorPath.isEmpty() ? QFileInfo(m_jobPath).dir().filePath(QStringLiteral("map_op.py")) : v.operatorPath;
    }
    if (m_operatorEditor->document()->isModified() || m_operatorIsNew) {
        QSaveFile op(opPath);
        if (!op.open(QIODevice::WriteOnly) || op.write(m_operatorEditor->toPlainText().toUtf8()) < 0 || !op.commit()) {
            if (error)
                *error = tr("Could not save %1: %2").arg(opPath, op.errorString());
            return false;
        }
        m_operatorPath = opPath;
        m_operatorIsNew = false;
        m_operatorEditor->document()->setModified(false);
    }
    // A new job brings its sample dataset: written next to it where the job names it, unless
    // a file is there already.
    if (m_isTemplate) {
        const JobValidation v = JobValidator::validate(m_jobEditor->toPlainText().toUtf8(), m_jobPath);
        if (!v.datasetPath.isEmpty() && !QFileInfo::exists(v.datasetPath) && QFileInfo(v.datasetPath).fileName() == QLatin1String("inputs.jsonl")) {
            QFile sample(QStringLiteral(":/mrp/template/inputs.jsonl"));
            QSaveFile data(v.datasetPath);
            if (!sample.open(QIODevice::ReadOnly) || !data.open(QIODevice::WriteOnly) || data.write(sample.readAll()) < 0 || !data.commit()) {
                if (error)
                    *error = tr("Could not write the sample dataset %1: %2").arg(v.datasetPath, data.errorString());
                return false;
            }
        }
        m_isTemplate = false;
    }
    updateHeaders();
    Q_EMIT jobPathChanged(m_jobPath);
    m_validator->requestNow(m_jobEditor->toPlainText(), m_jobPath);
    return true;
}

bool JobPage::setJobValue(const QStringList &keyPath, const QString &yamlValue, QString *error)
{
    QTextDocument *doc = m_jobEditor->document();
    const JobTextEdit edit = jobScalarEdit(doc->toPlainText(), keyPath, yamlValue);
    if (!edit.ok) {
        if (error)
            *error = edit.error;
        return false;
    }
    if (edit.isNoOp())
        return true;
    QTextCursor cursor(doc);
    const bool merge = keyPath == m_lastEditKey && doc->revision() == m_lastEditRevision;
    if (merge)
        cursor.joinPreviousEditBlock();
    else
        cursor.beginEditBlock();
    cursor.setPosition(int(edit.position));
    cursor.setPosition(int(edit.position + edit.length), QTextCursor::KeepAnchor);
    cursor.insertText(edit.text);
    cursor.endEditBlock();
    m_lastEditKey = keyPath;
    m_lastEditRevision = doc->revision();
    return true;
}

QString JobPage::jobRelativePath(const QString &path) const
{
    if (m_jobPath.isEmpty())
        return QDir::fromNativeSeparators(QFileInfo(path).absoluteFilePath());
    return QDir::fromNativeSeparators(QFileInfo(m_jobPath).dir().relativeFilePath(path));
}

void JobPage::onValidated(const JobValidation &result)
{
    m_validation = result;
    QList<EditorDiagnostic> forJob;
    QList<EditorDiagnostic> forOperator;
    m_problems->clear();
    for (const EditorDiagnostic &d : result.diagnostics) {
        const bool inOperator = !m_operatorPath.isEmpty() && d.file == m_operatorPath;
        (inOperator ? forOperator : forJob).append(d);
        const QString where = d.line > 0 ? tr("%1:%2:%3").arg(QFileInfo(d.file).fileName()).arg(d.line).arg(d.column)
                                         : QFileInfo(d.file).fileName();
        QString text = d.isWarning ? tr("%1: warning: %2").arg(where, d.message) : tr("%1: error: %2").arg(where, d.message);
        if (!d.hint.isEmpty())
            text += QLatin1Char(' ') + d.hint;
        auto *item = new QListWidgetItem(text, m_problems);
        item->setData(FileRole, inOperator ? m_operatorPath : QString());
        item->setData(LineRole, d.line);
        item->setData(ColumnRole, d.column);
        item->setData(Qt::AccessibleTextRole, text);
    }
    m_jobEditor->setDiagnostics(forJob);
    m_operatorEditor->setDiagnostics(forOperator);
    // An untitled job's relative paths mean nothing yet: its operator stays the stub.
    if (!m_jobPath.isEmpty() && !result.operatorPath.isEmpty() && result.operatorPath != m_operatorPath
        && !m_operatorEditor->document()->isModified())
        loadOperator(result.operatorPath);
    updateHeaders();
    Q_EMIT validationChanged(result);
}

void JobPage::onProblemActivated(QListWidgetItem *item)
{
    CodeEditor *editor = item->data(FileRole).toString().isEmpty() ? m_jobEditor : m_operatorEditor;
    editor->jumpTo(item->data(LineRole).toInt(), item->data(ColumnRole).toInt());
}

} // namespace mrp
