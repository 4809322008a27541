// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "datasetpage.h"

#include "dialogfolder.h"
#include "views/datasetpreviewmodel.h"
#include "job/plan.h"

#include "data/dataset.h"
#include "data/datasetreader.h"
#include "data/inputfile.h"

#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace mrp {

DatasetPage::DatasetPage(QWidget *parent)
    : QWidget(parent)
    , m_preview(new DatasetPreviewModel(this))
    , m_table(new QTableView(this))
    , m_pathLabel(new QLabel(this))
    , m_plan(new QLabel(this))
    , m_warnings(new QPlainTextEdit(this))
    , m_shardSize(new QSpinBox(this))
    , m_concurrency(new QSpinBox(this))
    , m_secondsPerShard(new QDoubleSpinBox(this))
{
    setAcceptDrops(true);
    m_table->setModel(m_preview);
    m_table->setAccessibleName(tr("Dataset preview"));
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->setWordWrap(false);

    m_pathLabel->setText(tr("Drop a dataset file or folder here, or choose one."));
    m_pathLabel->setWordWrap(true);
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *pickFile = new QPushButton(tr("Choose F&ile…"), this);
    auto *pickFolder = new QPushButton(tr("Choose F&older…"), this);
    connect(pickFile, &QPushButton::clicked, this, &DatasetPage::pickFile);
    connect(pickFolder, &QPushButton::clicked, this, &DatasetPage::pickFolder);

    m_shardSize->setRange(1, 1'000'000);
    m_shardSize->setValue(25);
    m_shardSize->setAccessibleName(tr("Records per shard"));
    m_concurrency->setRange(1, 1000);
    m_concurrency->setValue(4);
    m_concurrency->setAccessibleName(tr("Sandboxes in parallel"));
    m_secondsPerShard->setRange(0.1, 86400);
    m_secondsPerShard->setValue(5.0);
    m_secondsPerShard->setDecimals(1);
    m_secondsPerShard->setSuffix(tr(" s"));
    m_secondsPerShard->setAccessibleName(tr("Estimated seconds per shard"));
    // Typing "120" is one change, not three: values count when Enter or Tab ends the typing.
    m_shardSize->setKeyboardTracking(false);
    m_concurrency->setKeyboardTracking(false);
    connect(m_shardSize, &QSpinBox::valueChanged, this, [this](int records) {
        startScan();
        Q_EMIT shardSizeEdited(records);
    });
    connect(m_concurrency, &QSpinBox::valueChanged, this, [this](int slots) {
        updatePlan();
        Q_EMIT concurrencyEdited(slots);
    });
    connect(m_secondsPerShard, &QDoubleSpinBox::valueChanged, this, &DatasetPage::updatePlan);

    m_plan->setWordWrap(true);
    m_plan->setAccessibleName(tr("Shard plan"));
    m_plan->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_plan->setFocusPolicy(Qt::TabFocus);
    m_warnings->setReadOnly(true);
    m_warnings->setAccessibleName(tr("Bad-record warnings"));
    m_warnings->setPlaceholderText(tr("No bad records found."));
    m_warnings->setMaximumBlockCount(500);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_pathLabel, 1);
    buttons->addWidget(pickFile);
    buttons->addWidget(pickFolder);

    auto *form = new QFormLayout;
    form->addRow(tr("Records per &shard:"), m_shardSize);
    form->addRow(tr("Sandboxes in &parallel:"), m_concurrency);
    form->addRow(tr("&Estimated time per shard:"), m_secondsPerShard);
    auto *planBox = new QWidget(this);
    auto *planLayout = new QVBoxLayout(planBox);
    planLayout->setContentsMargins(0, 0, 0, 0);
    planLayout->addLayout(form);
    planLayout->addWidget(m_plan);
    auto *warningsLabel = new QLabel(tr("&Warnings:"), planBox);
    warningsLabel->setBuddy(m_warnings);
    planLayout->addWidget(warningsLabel);
    planLayout->addWidget(m_warnings, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(planBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);
    updatePlan();
}

DatasetPage::~DatasetPage()
{
    if (m_watcher)
        m_watcher->disconnect(this);
    cancelScan();
}

void DatasetPage::cancelScan()
{
    if (!m_scanProgress)
        return;
    m_scanProgress->cancel();
    m_scanPoll.stop();
    ++m_generation;   // whatever it found is no longer asked for
}

bool DatasetPage::canAccept(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return false;
    const auto urls = mime->urls();
    for (const QUrl &u : urls) {
        if (u.isLocalFile())
            return true;
    }
    return false;
}

bool DatasetPage::acceptMime(const QMimeData *mime)
{
    if (!canAccept(mime))
        return false;
    const auto urls = mime->urls();
    for (const QUrl &u : urls) {
        if (u.isLocalFile()) {
            chooseDataset(u.toLocalFile());
            return true;
        }
    }
    return false;
}

void DatasetPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (canAccept(event->mimeData()))
        event->acceptProposedAction();
}

void DatasetPage::dropEvent(QDropEvent *event)
{
    if (acceptMime(event->mimeData()))
        event->acceptProposedAction();
}

void DatasetPage::pickFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose Dataset File"), dialogFolder(),
                                                      tr("Datasets (*.jsonl *.ndjson *.csv *.json);;All files (*)"));
    rememberDialogFolder(path);
    if (!path.isEmpty())
        chooseDataset(path);
}

void DatasetPage::pickFolder()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Choose Dataset Folder"), dialogFolder());
    rememberDialogFolder(path);
    if (!path.isEmpty())
        chooseDataset(path);
}

void DatasetPage::chooseDataset(const QString &path)
{
    setDatasetPath(path);
    Q_EMIT datasetChosen(m_path);
}

void DatasetPage::setShardSize(int records)
{
    if (records == m_shardSize->value())
        return;
    {
        const QSignalBlocker blocker(m_shardSize);
        m_shardSize->setValue(records);
    }
    startScan();
}

void DatasetPage::setConcurrencyOverride(int slots)
{
    const bool overridden = slots > 0;
    if (overridden == !m_concurrency->isEnabled() && (!overridden || slots == m_concurrency->value()))
        return;
    if (overridden && m_concurrency->isEnabled())
        m_jobConcurrency = m_concurrency->value();
    m_concurrency->setEnabled(!overridden);
    m_concurrency->setToolTip(overridden ? tr("Set in Settings, which overrides the job's max_concurrency_map for every run.") : QString());
    {
        const QSignalBlocker blocker(m_concurrency);
        m_concurrency->setValue(overridden ? slots : m_jobConcurrency);
    }
    updatePlan();
}

void DatasetPage::setConcurrency(int slots)
{
    if (!m_concurrency->isEnabled()) {   // Settings decide for now; the job's value comes back after
        m_jobConcurrency = slots;
        return;
    }
    if (slots == m_concurrency->value())
        return;
    {
        const QSignalBlocker blocker(m_concurrency);
        m_concurrency->setValue(slots);
    }
    updatePlan();
}

void DatasetPage::setDatasetPath(const QString &path)
{
    m_path = QFileInfo(path).absoluteFilePath();
    m_pathLabel->setText(tr("Dataset: %1").arg(QDir::toNativeSeparators(m_path)));
    startScan();
}

void DatasetPage::clearDataset()
{
    cancelScan();   // and a result still on its way is dropped
    m_path.clear();
    m_pathLabel->setText(tr("Drop a dataset file or folder here, or choose one."));
    m_preview->clear();
    m_scan = DatasetScan{};
    updatePlan();
}

void DatasetPage::startScan()
{
    if (m_path.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_preview->clear();
    const QString name = QFileInfo(m_path).fileName();
    m_plan->setText(tr("Reading %1…").arg(name));
    if (m_scanProgress)
        m_scanProgress->cancel();   // its result would be dropped anyway: free the cores now
    auto progress = std::make_shared<ShardingProgress>();
    m_scanProgress = progress;
    m_scanPoll.disconnect(this);
    m_scanPoll.setInterval(200);
    connect(&m_scanPoll, &QTimer::timeout, this, [this, progress, name] {
        if (progress->bytesTotal() > 0)
            m_plan->setText(tr("Reading %1… %2 of %3 MiB")
                                .arg(name, QLocale().toString(progress->bytesRead() >> 20),
                                     QLocale().toString(progress->bytesTotal() >> 20)));
    });
    m_scanPoll.start();
    auto *watcher = new QFutureWatcher<DatasetScan>(this);
    connect(watcher, &QFutureWatcher<DatasetScan>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher == m_watcher)
            m_watcher = nullptr;
        const DatasetScan s = watcher->result();
        if (s.generation == m_generation) {
            m_scanPoll.stop();
            onScanned(s);
        }
    });
    m_watcher = watcher;
    const QString path = m_path;
    const int shardSize = m_shardSize->value();
    watcher->setFuture(QtConcurrent::run([path, shardSize, generation, progress] {
        DatasetScan s = scan(path, shardSize, previewLimit(), progress);
        s.generation = generation;
        return s;
    }));
}

DatasetScan DatasetPage::scan(const QString &path, int shardSize, int limit, const std::shared_ptr<ShardingProgress> &progress)
{
    DatasetScan s;
    s.path = path;
    s.format = detectDatasetFormat(path);
    // Preview: stream the first records of the first file and stop.
    QString firstFile = path;
    QString readerFormat = s.format;
    if (QFileInfo(path).isDir()) {
        const QStringList files = listFolderSorted(path);
        firstFile = files.isEmpty() ? QString() : QDir(path).filePath(files.constFirst());
        readerFormat = detectDatasetFormat(firstFile);
    }
    QFile f(firstFile);
    QString unreadable;
    if (!firstFile.isEmpty() && openRegularFile(&f, -1, &unreadable)) {
        if (auto reader = createRecordReader(readerFormat, &f, firstFile)) {
            DatasetRecord rec;
            while (s.preview.size() < limit) {
                const auto status = reader->next(&rec);
                if (status == RecordReader::Status::Record) {
                    s.preview.append(rec.value);
                    s.previewLines.append(rec.line);
                } else if (status == RecordReader::Status::BadRecord) {
                    continue;
                } else {
                    break;
                }
            }
        } else if (QFileInfo(path).isDir()) {
            // A folder of one-record-per-file: preview each file as a record.
            QJsonValue v;
            QString error;
            if (f.size() <= RecordReader::MaxRecordBytes && parseJsonValue(f.read(RecordReader::MaxRecordBytes), &v, &error))
                s.preview.append(v);
        }
    }
    // The shard plan: digests only, no payload files.
    ShardingOptions opts;
    opts.shardSize = shardSize;
    opts.skipBadRecords = true;
    opts.baseDir = QFileInfo(path).absolutePath();
    opts.progress = progress;
    const ShardingResult r = shardDataset(path, opts);
    s.format = r.format;
    s.records = r.records;
    s.shards = int(r.shards.size());
    s.badRecords = r.badRecords;
    s.badRecordList = r.skipped;
    for (const Diagnostic &d : r.diagnostics) {
        if (d.key != u"dataset.on_bad_record")   // the count of skipped records: said by updatePlan() as the job treats them
            s.warnings.append(d.toString());
    }
    return s;
}

void DatasetPage::onScanned(const DatasetScan &scan)
{
    m_scan = scan;
    m_preview->clear();
    m_preview->appendRecords(scan.preview, scan.previewLines);
    updatePlan();
    Q_EMIT scanFinished();
}

void DatasetPage::setSkipBadRecords(bool skip)
{
    if (skip == m_skipBadRecords)
        return;
    m_skipBadRecords = skip;
    updatePlan();
}

void DatasetPage::updatePlan()
{
    // Bad records as the job will treat them: left out (on_bad_record: skip) or failing it.
    QStringList warnings;
    for (const SkippedRecord &sk : std::as_const(m_scan.badRecordList))
        warnings.append(m_skipBadRecords ? tr("%1:%2: skipped: %3").arg(sk.file).arg(sk.line).arg(sk.reason)
                                         : tr("%1:%2: bad record: %3").arg(sk.file).arg(sk.line).arg(sk.reason));
    warnings += m_scan.warnings;
    m_warnings->setPlainText(warnings.join(QLatin1Char('\n')));
    if (m_path.isEmpty()) {
        m_plan->setText(tr("No dataset yet."));
        return;
    }
    if (!m_scan.error.isEmpty()) {
        m_plan->setText(tr("Could not read the dataset: %1").arg(m_scan.error));
        return;
    }
    if (m_scan.shards < 0) {
        m_plan->setText(tr("Format: %1. Previewing the first %n record(s).", nullptr, int(m_scan.preview.size())).arg(m_scan.format));
        return;
    }
    // Estimate: shards run in waves of `concurrency`; each sandbox costs the profile's default
    // price (1 vCPU, 1 GiB, 3 GiB disk) for its duration.
    const PriceSpec price;
    const ResourceSpec res;
    const double perShardS = m_secondsPerShard->value();
    const int slots = m_concurrency->value();
    const double waves = std::ceil(double(m_scan.shards) / slots);
    const qint64 wallMs = qint64(waves * perShardS * 1000);
    const double perHour = price.vcpuPerHour * res.cpu + price.memoryGibPerHour * res.memoryGib + price.diskGibPerHour * res.diskGib;
    const double cost = m_scan.shards * perShardS / 3600.0 * perHour;
    QString text = tr("Format: %1. %2 records in %3 shards.").arg(m_scan.format).arg(m_scan.records).arg(m_scan.shards);
    text += QLatin1Char('\n') + tr("Estimated time: %1 with %2 sandboxes in parallel.").arg(formatEstimate(wallMs)).arg(slots);
    text += QLatin1Char('\n') + tr("Estimated cost on Daytona: $%1 (free on the local backend).").arg(QLocale().toString(cost, 'f', 4));
    if (m_scan.badRecords > 0) {
        text += QLatin1Char('\n')
            + (m_skipBadRecords
                   ? tr("%n bad record(s) will be skipped (on_bad_record: skip), see the warnings.", nullptr, int(m_scan.badRecords))
                   : tr("%n bad record(s): the job fails on them (on_bad_record: fail). Fix them, or set on_bad_record: skip "
                        "to leave them out; see the warnings.", nullptr, int(m_scan.badRecords)));
    }
    m_plan->setText(text);
}

QString DatasetPage::formatEstimate(qint64 ms)
{
    if (ms < 60'000)
        return tr("%1 s").arg(ms / 1000);
    if (ms < 3'600'000)
        return tr("%1 min").arg((ms + 59'999) / 60'000);
    return tr("%1 h %2 min").arg(ms / 3'600'000).arg((ms / 60'000) % 60);
}

QString DatasetPage::planText() const
{
    return m_plan->text();
}

} // namespace mrp
