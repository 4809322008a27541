// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "runpage.h"

#include "banner.h"
#include "chartswidget.h"
#include "record/runrecord.h"
#include "views/runhistorymodel.h"
#include "views/sampledata.h"
#include "views/shardfiltermodel.h"
#include "views/shardtablemodel.h"
#include "timeline/timelineview.h"
#include "timeline/timelinezoom.h"

#include "run/reducer.h"
#include "run/runengine.h"
#include "store/runstore.h"

#include <QAction>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcRunPage, "mrp.app.runpage")

namespace mrp {

// The engine's phase names (stable, in the run log) as the user reads them.
static QString phaseLabel(const QString &phase)
{
    if (phase == u"compile")
        return RunPage::tr("compiling the job");
    if (phase == u"package")
        return RunPage::tr("packing the shards");
    if (phase == u"map")
        return RunPage::tr("running the shards");
    if (phase == u"reduce")
        return RunPage::tr("reducing");
    if (phase == u"produce")
        return RunPage::tr("writing the outputs");
    if (phase == u"record")
        return RunPage::tr("writing the run record");
    return phase;
}

RunPage::RunPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new ShardTableModel(this))
    , m_proxy(new ShardFilterModel(this))
    , m_timeline(new TimelineView(this))
    , m_table(new QTableView(this))
    , m_charts(new ChartsWidget(this))
    , m_banner(new Banner(this))
    , m_log(new QPlainTextEdit(this))
    , m_logTitle(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_isolation(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_stateFilter(new QComboBox(this))
    , m_idFilter(new QLineEdit(this))
    , m_runButton(new QToolButton(this))
    , m_cancelButton(new QToolButton(this))
    , m_resumeButton(new QToolButton(this))
    , m_tabs(new QTabWidget(this))
    , m_escape(new QShortcut(QKeySequence(Qt::Key_Escape), this))
    , m_logs(1000)
{
    m_proxy->setSourceModel(m_model);
    m_timeline->setModel(m_proxy);
    m_table->setModel(m_proxy);
    m_table->setSelectionModel(m_timeline->selectionModel());
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ShardTableModel::IdColumn, Qt::AscendingOrder);
    m_table->setColumnHidden(ShardTableModel::TimelineColumn, true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Shard table"));
    // The state as wide as its longest name in the language shown ("Fehlgeschlagen").
    {
        int widest = m_table->horizontalHeader()->fontMetrics().horizontalAdvance(
                         m_model->headerData(ShardTableModel::StateColumn, Qt::Horizontal).toString()) + 24;
        for (const ShardState st : {ShardState::Queued, ShardState::Provisioning, ShardState::Running, ShardState::Collecting,
                                    ShardState::Retrying, ShardState::Done, ShardState::Failed, ShardState::Cancelled})
            widest = std::max(widest, fontMetrics().horizontalAdvance(ShardTableModel::stateName(st)) + 16);
        m_table->horizontalHeader()->resizeSection(ShardTableModel::StateColumn, widest);
    }

    m_stateFilter->addItem(tr("All states"));
    //: shard state filter: queued, provisioning, running or collecting
    m_stateFilter->addItem(tr("Active"));
    m_stateFilter->addItem(tr("Done"));
    m_stateFilter->addItem(tr("Failed"));
    m_stateFilter->addItem(tr("Retrying"));
    m_stateFilter->addItem(tr("Cancelled"));
    m_stateFilter->setAccessibleName(tr("Show shards in state"));
    m_stateFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_idFilter->setPlaceholderText(tr("Filter by shard id"));
    m_idFilter->setAccessibleName(tr("Filter by shard id"));
    m_idFilter->setClearButtonEnabled(true);
    {
        // Room for the whole placeholder (also when translated) plus the clear button.
        const QFontMetrics fm = m_idFilter->fontMetrics();
        m_idFilter->setMinimumWidth(fm.horizontalAdvance(m_idFilter->placeholderText()) + fm.height() * 2 + 16);
    }
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &RunPage::onStateFilterChanged);
    connect(m_idFilter, &QLineEdit::textChanged, m_proxy, &ShardFilterModel::setIdFilter);

    m_progress->setAccessibleName(tr("Run progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m shards"));
    m_summary->setAccessibleName(tr("Run summary"));
    m_summary->setText(tr("No run yet. Open a job and press Run."));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setFocusPolicy(Qt::TabFocus);
    // What the sandboxes fence and what bounds their memory and processes (the run record's isolation).
    m_isolation->setAccessibleName(tr("Sandbox isolation"));
    m_isolation->setWordWrap(true);
    m_isolation->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_isolation->hide();

    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setAccessibleName(tr("Log of the selected shard"));
    m_logTitle->setText(tr("Run log"));
    m_logTitle->setBuddy(m_log);

    auto *top = new QHBoxLayout;
    top->addWidget(m_runButton);
    top->addWidget(m_cancelButton);
    top->addWidget(m_resumeButton);
    top->addWidget(m_progress, 1);
    top->addWidget(m_stateFilter);
    top->addWidget(m_idFilter);

    m_tabs->addTab(m_timeline, tr("&Timeline"));
    m_tabs->addTab(m_table, tr("S&hards"));
    m_tabs->addTab(m_charts, tr("&Plots"));
    m_tabs->setAccessibleName(tr("Run views"));

    auto *logBox = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->addWidget(m_logTitle);
    logLayout->addWidget(m_log);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(logBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_isolation);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);

    connect(m_model, &ShardTableModel::rangeChanged, m_timeline->zoom(), &TimelineZoom::setRange);
    connect(m_model, &ShardTableModel::countsChanged, this, &RunPage::updateSummaryFromModel);
    // Open spans grow with "now": repaint what is visible (the model sends no per-row dataChanged).
    connect(m_model, &ShardTableModel::nowChanged, this, [this] {
        m_timeline->viewport()->update();
        if (m_table->isVisible())
            m_table->viewport()->update();
    });
    connect(m_timeline->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunPage::onCurrentShardChanged);

    // Esc stops a compile, the step before anything runs; a running map is cancelled with the
    // Cancel Run action only (its sandboxes are deleted, a slip of the key should not do that).
    m_escape->setContext(Qt::WindowShortcut);
    m_escape->setEnabled(false);
    connect(m_escape, &QShortcut::activated, this, &RunPage::cancelRun);

    m_progressTimer.setSingleShot(true);
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, &RunPage::applyPendingProgress);
    m_tick.setInterval(200);
    connect(&m_tick, &QTimer::timeout, this, &RunPage::onTick);
    m_chartTimer.setInterval(1000);
    m_chartTimer.setSingleShot(true);
    connect(&m_chartTimer, &QTimer::timeout, this, &RunPage::refreshCharts);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_charts)
            refreshCharts();
    });
}

RunPage::~RunPage() = default;

void RunPage::setActions(QAction *run, QAction *cancel, QAction *resume)
{
    m_runButton->setDefaultAction(run);
    m_cancelButton->setDefaultAction(cancel);
    m_runButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancelButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_resumeButton->setVisible(resume != nullptr);
    if (resume) {
        m_resumeButton->setDefaultAction(resume);
        m_resumeButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    }
}

bool RunPage::isRunning() const
{
    return m_engine && m_engine->isRunning();
}

void RunPage::onStateFilterChanged()
{
    QSet<ShardState> states;
    switch (m_stateFilter->currentIndex()) {
    case 1:
        states = {ShardState::Queued, ShardState::Provisioning, ShardState::Running, ShardState::Collecting};
        break;
    case 2:
        states = {ShardState::Done};
        break;
    case 3:
        states = {ShardState::Failed};
        break;
    case 4:
        states = {ShardState::Retrying};
        break;
    case 5:
        states = {ShardState::Cancelled};
        break;
    default:
        break;
    }
    m_proxy->setStates(states);
}

void RunPage::onCurrentShardChanged()
{
    const QModelIndex current = m_timeline->selectionModel()->currentIndex();
    const int shard = current.isValid() ? current.data(ShardTableModel::ShardIndexRole).toInt() : -1;
    if (shard == m_logShard)
        return;
    m_logShard = shard;
    m_logTitle->setText(shard < 0 ? tr("Run log") : tr("Log of shard %1").arg(current.data(ShardTableModel::ShardIdRole).toString()));
    m_log->setPlainText(m_logs.lines(shard).join(QLatin1Char('\n')));
    if (const qint64 dropped = m_logs.dropped(shard))
        m_log->appendPlainText(tr("(%n earlier line(s) not kept)", nullptr, int(std::min<qint64>(dropped, INT_MAX))));
    m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
}

void RunPage::appendLog(int shardIndex, const QString &line)
{
    m_logs.append(shardIndex, line);
    if (shardIndex == m_logShard || (m_logShard < 0 && shardIndex < 0))
        m_log->appendPlainText(line);
}

void RunPage::showLogLines(int shardIndex, const QStringList &lines)
{
    if (shardIndex == m_logShard && !lines.isEmpty())
        m_log->appendPlainText(lines.join(QLatin1Char('\n')));
}

void RunPage::onTick()
{
    if (m_clock.isValid())
        m_model->setNow(m_runStart.isValid() ? m_runStart.msecsTo(QDateTime::currentDateTimeUtc()) : m_clock.elapsed());
    if (m_tabs->currentWidget() == m_charts && !m_chartTimer.isActive())
        m_chartTimer.start();
}

void RunPage::onProgress(int done, int failed, int running, qint64 etaMs, double costUsd)
{
    m_etaMs = etaMs;
    m_costUsd = costUsd;
    m_progress->setRange(0, std::max(1, m_model->rowCount()));
    m_progress->setValue(done + failed);
    QString text = tr("%1 done, %2 failed, %3 running.").arg(done).arg(failed).arg(running);
    if (etaMs > 0)
        text += QLatin1Char(' ') + tr("About %1 left.").arg(ShardTableModel::formatDuration(etaMs));
    text += QLatin1Char(' ') + tr("Cost so far: $%1.").arg(QLocale().toString(costUsd, 'f', 4));
    m_summary->setText(text);
}

void RunPage::applyPendingProgress()
{
    m_progressTimer.stop();
    if (!m_pendingProgress.pending)
        return;
    m_pendingProgress.pending = false;
    const PendingProgress p = m_pendingProgress;
    onProgress(p.done, p.failed, p.running, p.etaMs, p.costUsd);
}

void RunPage::updateSummaryFromModel()
{
    const int done = m_model->countInState(ShardState::Done);
    const int failed = m_model->countInState(ShardState::Failed);
    const int running = m_model->countInState(ShardState::Running) + m_model->countInState(ShardState::Provisioning)
        + m_model->countInState(ShardState::Collecting);
    if (m_engine)
        return;   // the engine's progress() is more precise (ETA)
    onProgress(done, failed, running, -1, m_model->totalCost());
}

void RunPage::showIsolation(const QString &isolation)
{
    m_isolation->setText(tr("Sandboxes: %1").arg(isolation));
    m_isolation->setVisible(!isolation.isEmpty());
}

QString RunPage::isolationText() const
{
    return m_isolation->isHidden() ? QString() : m_isolation->text();
}

QString RunPage::summaryText() const
{
    return m_summary->text();
}

void RunPage::refreshCharts()
{
    // Only what is on screen: switching to the Plots tab refreshes them (see the constructor).
    if (m_tabs->currentWidget() != m_charts)
        return;
    m_charts->refresh(m_model->shards(), m_model->now());
}

void RunPage::resetView()
{
    m_tick.stop();
    m_progressTimer.stop();
    m_pendingProgress.pending = false;
    m_clock.invalidate();
    m_runStart = QDateTime();
    m_etaMs = -1;
    m_costUsd = 0;
    m_logs.clear();
    m_log->clear();
    m_logShard = -2;
    m_logTitle->setText(tr("Run log"));
    m_timeline->selectionModel()->clear();
    m_banner->hide();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m shards"));
    m_escape->setEnabled(false);
    m_summary->clear();
}

void RunPage::onDatasetProgress(qint64 bytesRead, qint64 bytesTotal)
{
    if (bytesTotal > 0 && bytesTotal < (1 << 20))
        return;   // read in a blink: the count would only flicker
    const QLocale locale;
    const auto mib = [&locale](qint64 bytes) { return locale.toString((bytes + (1 << 19)) >> 20); };
    // The bar's own %v/%m are ints: it runs in per mille, the text says the MiB.
    m_progress->setRange(0, 1000);
    m_progress->setValue(bytesTotal > 0 ? int(std::min<qint64>(1000, bytesRead * 1000 / bytesTotal)) : 0);
    const QString text = bytesTotal > 0 ? tr("Reading the dataset… %1 of %2 MiB").arg(mib(bytesRead), mib(bytesTotal))
                                        : tr("Reading the dataset… %1 MiB").arg(mib(bytesRead));
    m_progress->setFormat(text);
}

void RunPage::showSample(int shardCount, qint64 nowMs)
{
    m_engine.clear();
    resetView();
    auto shards = makeSampleShards(shardCount, 8, 42, nowMs);
    qint64 now = nowMs;
    if (now < 0) {
        now = 0;
        for (const ShardTimeline &s : std::as_const(shards))
            now = std::max(now, s.endMs(0));
    }
    for (const ShardTimeline &s : std::as_const(shards)) {
        if (s.index >= 1000)
            break;   // a demo: logs for the first shards are enough
        for (int i = 0; i < s.attempts.size(); ++i) {
            const ShardAttempt &a = s.attempts.at(i);
            for (const PhaseSpan &p : a.phases) {
                m_logs.append(s.index, tr("[%1] attempt %2: %3 started").arg(ShardTableModel::formatDuration(p.startMs)).arg(i + 1).arg(ShardTableModel::phaseName(p.phase)));
            }
            if (a.finished && a.errorClass != ErrorClass::None)
                m_logs.append(s.index, tr("Attempt %1 failed with exit code %2: %3").arg(i + 1).arg(a.exitCode).arg(a.message));
            else if (a.finished)
                m_logs.append(s.index, tr("Attempt %1 finished with exit code %2.").arg(i + 1).arg(a.exitCode));
        }
    }
    m_model->resetShards(shards, now);
    m_runId = QStringLiteral("sample");
    refreshCharts();
}

// A pass_at_k run's overall pass@k joins the summary; the reduced value is read off the GUI thread.
void RunPage::appendPassAtK(const RunRecord &record, const QString &dataDir)
{
    if (record.reduceKind != u"pass_at_k" || record.reduceOutputDigest.isEmpty())
        return;
    const QString runId = record.runId;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, runId] {
        watcher->deleteLater();
        const QString passAtK = watcher->result();
        if (!passAtK.isEmpty() && m_runId == runId)
            m_summary->setText(m_summary->text() + QLatin1Char(' ') + tr("pass@k: %1.").arg(passAtK));
    });
    watcher->setFuture(QtConcurrent::run([record, dataDir] {
        const RunStore store(dataDir);
        return describePassAtK(passAtKOverall(record, store));
    }));
}

void RunPage::showRecord(const RunRecord &record)
{
    if (isRunning())
        return;   // the main window asks first; a live run is never replaced under the user
    m_engine.clear();
    resetView();
    QList<ShardTimeline> shards;
    shards.reserve(record.shards.size());
    qint64 end = 0;
    for (const ShardRecord &sr : record.shards) {
        shards.append(shardTimelineFromRecord(sr, record.createdAt));
        end = std::max(end, shards.constLast().endMs(0));
        for (const AttemptRecord &a : sr.attempts) {
            if (!a.stderrTail.isEmpty())
                m_logs.append(sr.index, a.stderrTail);
            if (!a.message.isEmpty())
                m_logs.append(sr.index, a.message);
        }
    }
    if (record.finishedAt.isValid() && record.createdAt.isValid())
        end = std::max(end, record.createdAt.msecsTo(record.finishedAt));
    m_model->resetShards(shards, end);
    m_runId = record.runId;
    m_progress->setRange(0, std::max<int>(1, int(record.shards.size())));
    m_progress->setValue(record.countInState(ShardState::Done) + record.countInState(ShardState::Failed));
    const QString dataDir = m_store ? m_store->dataDir() : RunStore::defaultDataDir();
    m_summary->setText(tr("Run %1 (%2): %3 done, %4 failed. Cost: $%5.")
                           .arg(record.runId, RunHistoryModel::statusLabel(RunStore::currentStatus(dataDir, record.runId, record.status)))
                           .arg(record.countInState(ShardState::Done))
                           .arg(record.countInState(ShardState::Failed))
                           .arg(QLocale().toString(record.costActualUsd, 'f', 4)));
    if (m_store)
        appendPassAtK(record, m_store->dataDir());
    showIsolation(record.isolation);
    if (!record.isolated)
        m_banner->showMessage(Banner::Kind::Warning, tr("This run was unisolated: %1").arg(record.isolation));
    refreshCharts();
}

bool RunPage::startRun(const QString &jobPath, const QString &backendOverride, const RunOptions &settings)
{
    if (isRunning())
        return false;
    if (m_engine)
        m_engine->deleteLater();
    auto *engine = new RunEngine(m_store, this);
    if (m_secrets)
        engine->setSecretStore(m_secrets);
    m_engine = engine;
    resetView();
    m_model->clear();
    m_summary->setText(settings.resumeRunId.isEmpty() ? tr("Compiling %1… Press Esc to cancel.").arg(jobPath)
                                                      : tr("Resuming run %1… Press Esc to cancel.").arg(settings.resumeRunId));
    m_escape->setEnabled(true);

    connect(engine, &RunEngine::runStarted, this, [this, engine](const QString &runId, int count) {
        m_runId = runId;
        m_runStart = engine->record().createdAt.isValid() ? engine->record().createdAt : QDateTime::currentDateTimeUtc();
        m_clock.start();
        QList<ShardTimeline> shards;
        shards.reserve(count);
        for (int i = 0; i < count; ++i)
            shards.append(shardTimelineFromRecord(engine->shard(i), m_runStart));
        m_model->resetShards(shards, QDateTime::currentDateTimeUtc().toMSecsSinceEpoch() - m_runStart.toMSecsSinceEpoch());
        m_escape->setEnabled(false);
        m_progress->setFormat(tr("%v of %m shards"));
        m_progress->setRange(0, std::max(1, count));
        m_progress->setValue(0);
        showIsolation(engine->record().isolation);
        m_tick.start();
        Q_EMIT statusMessage(tr("Run %1 started with %n shard(s).", nullptr, count).arg(runId));
    });
    connect(engine, &RunEngine::shardChanged, this, [this, engine](int index) {
        const ShardRecord shard = engine->shard(index);
        m_model->replaceShard(shardTimelineFromRecord(shard, m_runStart));
        if (isFinalState(shard.state))
            showLogLines(index, m_logs.flushOutput(index));
    });
    // The engine's log lines, in the user's language (log.jsonl and `mrp run --verbose` keep English).
    connect(engine, &RunEngine::logEvent, this, [this](const RunEvent &event) { appendLog(event.shardIndex, event.translatedText()); });
    // The shard's own stdout and stderr while it runs (live output), into its log.
    connect(engine, &RunEngine::shardOutput, this, [this](int index, int stream, const QByteArray &chunk) {
        showLogLines(index, m_logs.appendOutput(index, stream, chunk));
    });
    connect(engine, &RunEngine::progress, this, [this](int done, int failed, int running, qint64 etaMs, double costUsd) {
        m_pendingProgress = {done, failed, running, etaMs, costUsd, true};
        if (!m_progressTimer.isActive())
            m_progressTimer.start();
    });
    connect(engine, &RunEngine::datasetProgress, this, &RunPage::onDatasetProgress);
    connect(engine, &RunEngine::budgetWarning, this, [this](const QString &message) {
        m_banner->showMessage(Banner::Kind::Warning, message);
    });
    connect(engine, &RunEngine::phaseChanged, this, [this](const QString &phase) {
        Q_EMIT statusMessage(tr("Run phase: %1").arg(phaseLabel(phase)));
    });
    connect(engine, &RunEngine::finished, this, [this, engine](RunOutcome outcome) {
        m_tick.stop();
        m_escape->setEnabled(false);
        if (engine->record().runId.isEmpty()) {   // it ended before the run opened: no shards to count
            m_progress->setRange(0, 1);
            m_progress->setValue(0);
            m_progress->setFormat(outcome == RunOutcome::Cancelled ? tr("Cancelled") : tr("Not started"));
            // The compile's "Compiling… Press Esc" gives way to why it ended.
            m_summary->setText(engine->errorMessage());
            Q_EMIT statusMessage(outcome == RunOutcome::Cancelled ? tr("Cancelled: no run was started.")
                                                                   : tr("The run did not start."));
        }
        applyPendingProgress();
        if (m_runStart.isValid())
            m_model->setNow(m_runStart.msecsTo(QDateTime::currentDateTimeUtc()));
        m_model->flush();
        const QString status = runOutcomeName(outcome);
        // The banner says how the run ended; so does the status bar, which still named the
        // last phase ("writing the run record").
        QString ending;
        Banner::Kind kind = Banner::Kind::Information;
        switch (outcome) {
        case RunOutcome::Ok:
            ending = tr("Run %1 finished: every shard succeeded.").arg(engine->runId());
            break;
        case RunOutcome::Cancelled:
            if (engine->record().runId.isEmpty()) {   // stopped before the run opened: nothing ran, nothing is recorded
                ending = tr("Cancelled before the run started: no shard ran and nothing was recorded.");
            } else {
                ending = tr("Run %1 was cancelled.").arg(engine->runId());
            }
            break;
        case RunOutcome::ShardsFailed:
        case RunOutcome::Invalid:
        case RunOutcome::Refused:
        case RunOutcome::Infrastructure:
            kind = Banner::Kind::Error;
            // A run that never opened has no id to name: nothing of it is recorded.
            ending = engine->record().runId.isEmpty() ? tr("The run did not start: %1").arg(engine->errorMessage())
                                                      : tr("Run %1 ended: %2").arg(engine->runId(), engine->errorMessage());
            break;
        }
        m_banner->showMessage(kind, ending);
        if (!engine->record().runId.isEmpty())
            Q_EMIT statusMessage(ending);
        if (engine->store())
            appendPassAtK(engine->record(), engine->store()->dataDir());
        refreshCharts();
        Q_EMIT runRecordReady(engine->record(), engine->runDirectory());
        Q_EMIT runningChanged(false);
        Q_EMIT runFinished(engine->runId(), status);
    });

    RunOptions options = settings;
    options.jobPath = jobPath;
    options.backendOverride = backendOverride;
    if (!engine->start(options))
        return false;
    Q_EMIT runningChanged(true);
    return true;
}

void RunPage::clearRun()
{
    if (isRunning())
        return;
    resetView();
    m_model->clear();
    m_runId.clear();
    refreshCharts();
}

void RunPage::cancelRun()
{
    if (m_engine && m_engine->isRunning()) {
        const bool compiling = m_escape->isEnabled();
        m_engine->cancel();
        Q_EMIT statusMessage(compiling ? tr("Cancelling: the job's compile stops reading the dataset…")
                                       : tr("Cancelling: stopping dispatch and deleting sandboxes…"));
    }
}

} // namespace mrp
