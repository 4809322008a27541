// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "views/shardtablemodel.h"

#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcShardModel, "mrp.model.shardtable")

namespace mrp {

namespace {
bool hasOpenPhase(const ShardTimeline &s)
{
    if (s.attempts.isEmpty())
        return false;
    const auto &phases = s.attempts.constLast().phases;
    return !phases.isEmpty() && phases.constLast().isOpen();
}
} // namespace

ShardTableModel::ShardTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &ShardTableModel::flush);
}

ShardTableModel::~ShardTableModel() = default;

int ShardTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shards.size());
}

int ShardTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags ShardTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ShardTableModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(ShardStateRole, "shardState");
    names.insert(ShardIdRole, "shardId");
    names.insert(StartTimeRole, "startTime");
    names.insert(EndTimeRole, "endTime");
    names.insert(DurationRole, "duration");
    return names;
}

QString ShardTableModel::formatDuration(qint64 ms)
{
    if (ms < 0)
        return QString();
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1));
    if (ms < 3'600'000)
        return tr("%1 min %2 s").arg(ms / 60'000).arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(ms / 3'600'000).arg((ms / 60'000) % 60, 2, 10, QLatin1Char('0'));
}

QString ShardTableModel::stateName(ShardState s)
{
    switch (s) {
    case ShardState::Queued:
        return tr("Queued");
    case ShardState::Provisioning:
        return tr("Provisioning");
    case ShardState::Running:
        return tr("Running");
    case ShardState::Collecting:
        return tr("Collecting");
    case ShardState::Retrying:
        return tr("Retrying");
    case ShardState::Done:
        return tr("Done");
    case ShardState::Failed:
        return tr("Failed");
    case ShardState::Cancelled:
        return tr("Cancelled");
    }
    return QString();
}

QString ShardTableModel::phaseName(ShardPhase p)
{
    switch (p) {
    case ShardPhase::Queue:
        //: phase of a shard: waiting in the queue
        return tr("Queue");
    case ShardPhase::Create:
        //: phase of a shard: creating the sandbox
        return tr("Create");
    case ShardPhase::Reset:
        //: phase of a shard: cleaning a reused sandbox for the next shard
        return tr("Reset");
    case ShardPhase::Upload:
        return tr("Upload");
    case ShardPhase::Exec:
        //: phase of a shard: running the operator
        return tr("Execute");
    case ShardPhase::Download:
        return tr("Download");
    }
    return QString();
}

QString ShardTableModel::accessibleSummary(const ShardTimeline &s) const
{
    const qint64 duration = s.durationMs(m_now);
    if (s.attempts.size() > 1) {
        return tr("Shard %1: %2, %3, %4 attempts")
            .arg(s.id, stateName(s.state), formatDuration(duration))
            .arg(s.attempts.size());
    }
    return tr("Shard %1: %2, %3").arg(s.id, stateName(s.state), formatDuration(duration));
}

QString ShardTableModel::accessibleDetails(const ShardTimeline &s) const
{
    QStringList parts;
    for (int a = 0; a < s.attempts.size(); ++a) {
        const ShardAttempt &att = s.attempts.at(a);
        QStringList phases;
        for (const PhaseSpan &p : att.phases) {
            const qint64 end = p.isOpen() ? m_now : p.endMs;
            phases << tr("%1 from %2 to %3")
                          .arg(phaseName(p.phase), formatDuration(p.startMs), formatDuration(std::max(end, p.startMs)));
        }
        QString line = tr("Attempt %1: %2.").arg(a + 1).arg(phases.join(QStringLiteral(", ")));
        if (att.finished && att.errorClass != ErrorClass::None)
            line += QLatin1Char(' ') + tr("Failed with %1 (exit code %2): %3").arg(errorClassName(att.errorClass)).arg(att.exitCode).arg(att.message);
        parts << line;
    }
    return parts.join(QLatin1Char(' '));
}

QString ShardTableModel::toolTip(const ShardTimeline &s) const
{
    QString text = accessibleSummary(s);
    if (!s.attempts.isEmpty()) {
        const ShardAttempt &last = s.attempts.constLast();
        if (last.finished && last.exitCode >= 0)
            text += QLatin1Char('\n') + tr("Exit code: %1").arg(last.exitCode);
        if (last.errorClass != ErrorClass::None)
            text += QLatin1Char('\n') + tr("Error: %1 — %2").arg(errorClassName(last.errorClass), last.message);
    }
    return text;
}

QVariant ShardTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ShardTimeline &s = m_shards.at(index.row());
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        switch (Column(column)) {
        case IdColumn:
            return s.id;
        case StateColumn:
            return stateName(s.state);
        case RecordsColumn:
            return s.recordCount;
        case AttemptsColumn:
            return int(s.attempts.size());
        case DurationColumn:
            return s.startMs() < 0 ? QString() : formatDuration(s.durationMs(m_now));
        case CostColumn:
            return QLocale().toString(s.costUsd, 'f', 4);
        case TimelineColumn:
        case ColumnCount:
            return {};
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == RecordsColumn || column == AttemptsColumn || column == DurationColumn || column == CostColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        return toolTip(s);
    case Qt::AccessibleTextRole:
        if (column == TimelineColumn || column == IdColumn)
            return accessibleSummary(s);
        return data(index, Qt::DisplayRole).toString();
    case Qt::AccessibleDescriptionRole:
        return accessibleDetails(s);
    case SortRole:
        switch (Column(column)) {
        case IdColumn:
            return s.index;
        case StateColumn:
            return int(s.state);
        case RecordsColumn:
            return s.recordCount;
        case AttemptsColumn:
            return int(s.attempts.size());
        case DurationColumn:
            return s.durationMs(m_now);
        case CostColumn:
            return s.costUsd;
        case TimelineColumn:
            return s.startMs();
        case ColumnCount:
            return {};
        }
        return {};
    case ShardStateRole:
        return QVariant::fromValue(s.state);
    case ShardIdRole:
        return s.id;
    case ShardIndexRole:
        return s.index;
    case StartTimeRole:
        return s.startMs();
    case EndTimeRole:
        return s.endMs(m_now);
    case DurationRole:
        return s.durationMs(m_now);
    case AttemptsRole:
        return QVariant::fromValue(s.attempts);
    case PhasesRole:
        return QVariant::fromValue(s.attempts.isEmpty() ? QList<PhaseSpan>() : s.attempts.constLast().phases);
    case ExitCodeRole:
        for (auto it = s.attempts.crbegin(); it != s.attempts.crend(); ++it) {
            if (it->finished)
                return it->exitCode;
        }
        return -1;
    case ErrorClassRole:
        return QVariant::fromValue(s.attempts.isEmpty() ? ErrorClass::None : s.attempts.constLast().errorClass);
    case ErrorMessageRole:
        return s.attempts.isEmpty() ? QString() : s.attempts.constLast().message;
    case RangeStartRole:
        return rangeStart();
    case RangeEndRole:
        return rangeEnd();
    case NowRole:
        return m_now;
    default:
        return {};
    }
}

QVariant ShardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::AccessibleTextRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case IdColumn:
        return tr("Shard");
    case StateColumn:
        return tr("State");
    case RecordsColumn:
        return tr("Records");
    case AttemptsColumn:
        return tr("Attempts");
    case DurationColumn:
        return tr("Duration");
    case CostColumn:
        //: column header, cost in US dollars
        return tr("Cost (USD)");
    case TimelineColumn:
        return tr("Timeline");
    case ColumnCount:
        break;
    }
    return {};
}

void ShardTableModel::resetShards(QList<ShardTimeline> shards, qint64 nowMs)
{
    beginResetModel();
    m_flushTimer.stop();
    const auto byIndex = [](const ShardTimeline &a, const ShardTimeline &b) { return a.index < b.index; };
    if (!std::is_sorted(shards.cbegin(), shards.cend(), byIndex))
        std::sort(shards.begin(), shards.end(), byIndex);
    // Rows are addressed by shard index: make them dense.
    for (int i = 0; i < shards.size(); ++i)
        shards[i].index = i;
    m_shards = std::move(shards);
    m_dirtyRows.clear();
    m_nowDirty = false;
    m_isDirty.assign(m_shards.size(), false);
    m_openRows.clear();
    std::fill(std::begin(m_stateCounts), std::end(m_stateCounts), 0);
    m_now = nowMs;
    m_maxEnd = 0;
    m_totalCost = 0;
    for (const ShardTimeline &s : std::as_const(m_shards)) {
        ++m_stateCounts[int(s.state)];
        m_maxEnd = std::max(m_maxEnd, s.endMs(nowMs));
        m_totalCost += s.costUsd;
        if (hasOpenPhase(s))
            m_openRows.insert(s.index);
    }
    endResetModel();
    m_emittedRangeEnd = rangeEnd();
    Q_EMIT rangeChanged(rangeStart(), m_emittedRangeEnd);
    Q_EMIT countsChanged();
}

void ShardTableModel::clear()
{
    resetShards({});
}

qint64 ShardTableModel::rangeEnd() const
{
    return std::max<qint64>({m_now, m_maxEnd, 1});
}

int ShardTableModel::countInState(ShardState s) const
{
    return m_stateCounts[int(s)];
}

void ShardTableModel::markDirty(int row)
{
    if (!m_isDirty[row]) {
        m_isDirty[row] = true;
        m_dirtyRows.push_back(row);
    }
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void ShardTableModel::setStateInternal(ShardTimeline &s, ShardState state)
{
    if (s.state == state)
        return;
    --m_stateCounts[int(s.state)];
    ++m_stateCounts[int(state)];
    s.state = state;
    m_countsDirty = true;
}

void ShardTableModel::replaceShard(const ShardTimeline &shard)
{
    const int row = shard.index;
    if (row < 0 || row >= m_shards.size())
        return;
    ShardTimeline &s = m_shards[row];
    setStateInternal(s, shard.state);
    m_totalCost += shard.costUsd - s.costUsd;
    const ShardState keep = s.state;
    s = shard;
    s.state = keep;
    m_maxEnd = std::max(m_maxEnd, s.endMs(m_now));
    if (hasOpenPhase(s))
        m_openRows.insert(row);
    else
        m_openRows.remove(row);
    m_countsDirty = true;
    markDirty(row);
}

void ShardTableModel::setNow(qint64 nowMs)
{
    if (nowMs <= m_now)
        return;
    m_now = nowMs;
    if (m_openRows.isEmpty() && m_now <= m_emittedRangeEnd)
        return;   // nothing grows and the range holds
    m_nowDirty = true;
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void ShardTableModel::flush()
{
    m_flushTimer.stop();
    if (!m_dirtyRows.empty()) {
        std::sort(m_dirtyRows.begin(), m_dirtyRows.end());
        // One dataChanged per contiguous block of rows.
        std::size_t i = 0;
        while (i < m_dirtyRows.size()) {
            std::size_t j = i;
            while (j + 1 < m_dirtyRows.size() && m_dirtyRows[j + 1] == m_dirtyRows[j] + 1)
                ++j;
            Q_EMIT dataChanged(index(m_dirtyRows[i], 0), index(m_dirtyRows[j], ColumnCount - 1));
            i = j + 1;
        }
        for (const int row : m_dirtyRows)
            m_isDirty[row] = false;
        m_dirtyRows.clear();
    }
    const qint64 end = rangeEnd();
    if (end != m_emittedRangeEnd) {
        m_emittedRangeEnd = end;
        Q_EMIT rangeChanged(rangeStart(), end);
    }
    if (m_countsDirty) {
        m_countsDirty = false;
        Q_EMIT countsChanged();
    }
    if (m_nowDirty) {
        m_nowDirty = false;
        if (!m_openRows.isEmpty())
            Q_EMIT nowChanged(m_now);
    }
}

} // namespace mrp
