// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/dataset.h"

#include "data/canonicaljson.h"
#include "data/datasetreader.h"
#include "data/digest.h"
#include "data/inputfile.h"
#include "data/jsonarrayreader.h"
#include "data/shardwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

Q_LOGGING_CATEGORY(lcDataset, "mrp.model.dataset", QtWarningMsg)

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::Dataset)
};

class Sharder
{
public:
    Sharder(const ShardingOptions &opts, ShardingResult *r)
        : m_opts(opts)
        , m_r(r)
        , m_writer(opts.shardDir)
        , m_progress(opts.progress.get())
    {
    }

    // Feeds every record of one reader, canonicalised on all cores (see TextBatch); returns
    // false on a fatal error (already reported) or a cancel.
    bool feedText(TextRecordReader &reader, const QString &displayFile, bool oneShardPerFile);
    bool addRecord(const QJsonValue &v);
    // count records in canonical form, joined by commas, all for the open shard.
    bool addCanonicalRecords(QByteArrayView canonical, qint64 count);
    bool closeShard();
    void badRecord(const QString &displayFile, const DatasetRecord &rec);
    void ioError(const QString &message);
    bool finish();
    // Reports how much of the current file is read; true when the sharding is to stop now
    // (cancelled: stop writing, report nothing).
    bool stopAt(qint64 readInFile);
    // True when the sharding is to stop now (cancelled), without reporting progress.
    bool cancelRequested();
    // A file is read to its end: the next one's bytes count on from here.
    void fileDone(qint64 bytes) { m_readBefore += bytes; stopAt(0); }
    bool isCancelled() const { return m_cancelled; }
    // Removes the payload files this sharding wrote (after a cancel).
    void removeWritten();

private:
    const ShardingOptions &m_opts;
    ShardingResult *m_r;
    ShardWriter m_writer;
    ShardingProgress *m_progress;
    qint64 m_readBefore = 0;      // bytes of the files read to their end
    // Set on the delivery thread and read on the reading thread (feedText).
    std::atomic<bool> m_failed{false};     // fatal: stop writing
    std::atomic<bool> m_cancelled{false};
};

bool Sharder::stopAt(qint64 readInFile)
{
    if (!m_progress)
        return false;
    m_progress->setBytesRead(m_readBefore + readInFile);
    return cancelRequested();
}

bool Sharder::cancelRequested()
{
    if (m_progress && m_progress->isCancelled()) {
        m_cancelled = true;
        m_failed = true;
    }
    return m_cancelled;
}

void Sharder::removeWritten()
{
    for (const QString &file : m_writer.createdFiles())
        QFile::remove(file);
}

bool Sharder::addRecord(const QJsonValue &v)
{
    ++m_r->records;
    if (m_failed || (m_r->badRecords > 0 && !m_opts.skipBadRecords))
        return true;   // keep counting, stop writing: the job will be refused anyway
    if (!m_writer.add(v)) {
        ioError(m_writer.error());
        return false;
    }
    if (m_opts.shardSize > 0 && m_writer.openRecordCount() >= m_opts.shardSize)
        return closeShard();
    return true;
}

bool Sharder::addCanonicalRecords(QByteArrayView canonical, qint64 count)
{
    m_r->records += count;
    if (m_failed || (m_r->badRecords > 0 && !m_opts.skipBadRecords))
        return true;
    if (!m_writer.addCanonical(canonical, count)) {
        ioError(m_writer.error());
        return false;
    }
    if (m_opts.shardSize > 0 && m_writer.openRecordCount() >= m_opts.shardSize)
        return closeShard();
    return true;
}

bool Sharder::closeShard()
{
    if (m_failed)
        return false;
    ShardPlan s;
    if (!m_writer.close(&s)) {
        ioError(m_writer.error());
        return false;
    }
    m_r->shards.append(s);
    return true;
}

void Sharder::ioError(const QString &message)
{
    m_failed = true;
    m_r->diagnostics.append(Diagnostic::error(QString(), 0, 0, QStringLiteral("dataset"), message));
}

void Sharder::badRecord(const QString &displayFile, const DatasetRecord &rec)
{
    ++m_r->badRecords;
    SkippedRecord s;
    s.file = relativePath(m_opts.baseDir, rec.file);
    s.line = rec.line;
    s.byteOffset = rec.byteOffset;
    s.reason = rec.error;
    if (m_opts.skipBadRecords) {
        m_r->skipped.append(s);
        return;
    }
    if (m_r->badRecords <= m_opts.maxReportedBadRecords) {
        Diagnostic d = Diagnostic::error(displayFile, int(rec.line), 0, QStringLiteral("dataset"),
                                         rec.line > 0 ? Tr::tr("bad record: %1").arg(rec.error)
                                                      : Tr::tr("bad record at byte %1: %2").arg(rec.byteOffset).arg(rec.error));
        m_r->diagnostics.append(d);
    }
}

// A run of consecutive records of a text record reader: the reading thread copies their texts in,
// a pool thread appends their canonical forms to out, and the delivery thread then hands them to
// the shard writer strictly in file order. A few batches are in flight at a time, so memory
// stays flat whatever the file's size, and every core canonicalises while one thread reads and
// hashes the file and another hashes and writes the payloads.
struct TextBatch
{
    struct Entry {
        qsizetype textEnd;        // end of this record's text in text
        qsizetype outEnd;         // end of its canonical form and the comma after it in out
        qint64 line;
        qint64 byteOffset;
        int error;                // index in errors: a bad record; -1: a good one
    };

    static constexpr qsizetype Bytes = 1 << 20;       // a batch is handed out at about this size
    static constexpr size_t MaxRecords = 16384;

    QByteArray text;
    std::vector<Entry> entries;
    QByteArray out;
    QStringList errors;
    std::promise<void> done;

    void add(QByteArrayView recordText, const DatasetRecord &rec)
    {
        text.append(recordText);
        entries.push_back(Entry{text.size(), 0, rec.line, rec.byteOffset, -1});
    }
    void addBad(const DatasetRecord &rec)
    {
        entries.push_back(Entry{text.size(), 0, rec.line, rec.byteOffset, int(errors.size())});
        errors.append(rec.error);
    }
    bool full() const { return text.size() >= Bytes || entries.size() >= MaxRecords; }
    // Empty again for the next run of records; the buffers keep their memory (no fresh pages).
    void recycle()
    {
        text.resize(0);
        entries.clear();
        out.resize(0);
        errors.clear();
        done = std::promise<void>();
    }

    // On a pool thread: the reader's canonical form of every record. A cancel cuts it short
    // (the batch is then never delivered).
    void canonicalize(const TextRecordReader &reader, const ShardingProgress *progress)
    {
        out.reserve(text.size() + text.size() / 4 + 64);
        qsizetype start = 0;
        QString error;
        size_t done = 0;
        for (Entry &e : entries) {
            if (progress && (++done & 255) == 0 && progress->isCancelled())
                return;
            const QByteArrayView t(text.constData() + start, e.textEnd - start);
            start = e.textEnd;
            const qsizetype mark = out.size();
            if (e.error < 0) {
                if (reader.appendCanonical(out, t, &error)) {
                    out += ',';   // runs of good records go to the shard writer in one piece
                } else {
                    out.resize(mark);
                    e.error = int(errors.size());
                    errors.append(error);
                }
            }
            e.outEnd = out.size();
        }
    }
};

bool Sharder::feedText(TextRecordReader &reader, const QString &displayFile, bool oneShardPerFile)
{
    // Three kinds of thread share the work: this one reads, hashes the file and cuts it into
    // batches; the pool canonicalises them; a delivery thread hands them to the shard writer in
    // file order (which hashes and writes the payloads). A bounded number of batches circulates
    // between them, so memory stays flat.
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::unique_ptr<TextBatch>> queued;   // dispatched, in file order, to be delivered
    std::vector<std::unique_ptr<TextBatch>> spare;   // delivered, to be filled again
    size_t batches = 0;                              // made so far (at most window)
    bool noMore = false;                             // nothing more will be queued
    std::atomic<bool> stopped{false};                // a delivery failed or was cancelled
    std::thread delivery;
    std::unique_ptr<TextBatch> current;
    QThreadPool pool;   // declared after the batches: destroyed (waiting for its threads) first
    pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    const size_t window = size_t(2 * pool.maxThreadCount() + 2);

    // Hands a batch's records to the writer, in order; nothing once cancelled.
    auto deliver = [&](TextBatch &b) {
        if (cancelRequested())
            return false;
        DatasetRecord bad;
        bad.file = reader.file();
        // Consecutive good records, as many as the open shard still takes, in one piece.
        qsizetype runStart = 0, runEnd = 0;
        qint64 runCount = 0;
        const auto flushRun = [&] {
            const bool ok = runCount == 0
                || addCanonicalRecords(QByteArrayView(b.out.constData() + runStart, runEnd - 1 - runStart), runCount);
            runCount = 0;
            return ok;
        };
        for (const TextBatch::Entry &e : b.entries) {
            if (e.error < 0) {
                if (runCount == 0)
                    runStart = runEnd;
                runEnd = e.outEnd;
                ++runCount;
                if (m_opts.shardSize > 0 && m_writer.openRecordCount() + runCount >= m_opts.shardSize && !flushRun())
                    return false;
            } else {
                if (!flushRun())
                    return false;
                bad.line = e.line;
                bad.byteOffset = e.byteOffset;
                bad.error = b.errors.at(e.error);
                badRecord(displayFile, bad);
                runEnd = e.outEnd;
            }
        }
        return flushRun();
    };
    auto deliverAll = [&] {
        for (;;) {
            std::unique_ptr<TextBatch> b;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return !queued.empty() || noMore; });
                if (queued.empty())
                    return;
                b = std::move(queued.front());
                queued.pop_front();
            }
            b->done.get_future().wait();
            if (!stopped.load() && !deliver(*b))
                stopped.store(true);
            b->recycle();
            {
                std::lock_guard lock(mutex);
                spare.push_back(std::move(b));
            }
            changed.notify_all();
        }
    };
    // Everything queued, delivered; the delivery thread ends. True unless a delivery failed.
    auto finishDelivery = [&] {
        {
            std::lock_guard lock(mutex);
            noMore = true;
        }
        changed.notify_all();
        if (delivery.joinable())
            delivery.join();
        return !stopped.load();
    };
    // Every way out of here waits for the delivery thread first.
    struct Join {
        std::function<bool()> f;
        ~Join() { f(); }
    } join{finishDelivery};
    auto dispatch = [&] {
        TextBatch *b = current.get();
        pool.start([this, b, &reader] {
            b->canonicalize(reader, m_progress);
            b->done.set_value();
        });
        {
            std::lock_guard lock(mutex);
            queued.push_back(std::move(current));
        }
        changed.notify_all();
        if (!delivery.joinable())
            delivery = std::thread(deliverAll);
    };
    // A batch to fill: a delivered one, or a new one while fewer than window circulate.
    auto takeBatch = [&] {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !spare.empty() || batches < window || stopped.load(); });
        if (!spare.empty()) {
            current = std::move(spare.back());
            spare.pop_back();
        } else {
            ++batches;
            current = std::make_unique<TextBatch>();
            current->text.reserve(TextBatch::Bytes + (64 << 10));
        }
    };
    // Everything read so far, delivered; a small input never leaves this thread.
    auto drain = [&] {
        if (current && !delivery.joinable()) {
            current->canonicalize(reader, m_progress);
            const bool ok = deliver(*current);
            current.reset();
            return ok;
        }
        if (current)
            dispatch();
        return finishDelivery();
    };

    DatasetRecord rec;
    QByteArrayView text;
    for (;;) {
        const RecordReader::Status status = reader.nextText(&rec, &text);
        switch (status) {
        case RecordReader::Status::Record:
        case RecordReader::Status::BadRecord:
            if (!current)
                takeBatch();
            if (status == RecordReader::Status::Record)
                current->add(text, rec);
            else
                current->addBad(rec);
            if (current->full()) {
                if (stopAt(reader.bytesRead()) || stopped.load())
                    return false;   // the pool finishes the batches in flight; nothing more is delivered
                dispatch();
            }
            break;
        case RecordReader::Status::Error:
            if (!drain())
                return false;
            m_failed = true;
            m_r->diagnostics.append(Diagnostic::error(displayFile, int(rec.line), 0, QStringLiteral("dataset"), rec.error,
                                                      Tr::tr("Fix the file; this error stops reading it.")));
            return false;
        case RecordReader::Status::End:
            if (!drain())
                return false;
            if (oneShardPerFile)
                return closeShard();
            return true;
        }
    }
}

bool Sharder::finish()
{
    if (m_failed)
        return false;
    if (m_writer.openRecordCount() > 0)
        return closeShard();
    return true;
}

bool openFile(QFile *f, ShardingResult *r)
{
    QString problem;
    if (openRegularFile(f, -1, &problem))
        return true;
    r->diagnostics.append(Diagnostic::error(f->fileName(), 0, 0, QStringLiteral("dataset.path"),
                                            Tr::tr("cannot read the dataset file: %1").arg(problem),
                                            Tr::tr("Point dataset.path at a regular file or a folder of them.")));
    return false;
}

// One record per file: *.json files hold one JSON value, any other file becomes
// {"name": <file name>, "text": <its UTF-8 text>}.
bool readFileRecord(const QString &path, QJsonValue *out, QString *sha, qint64 *bytes, QString *error)
{
    QByteArray data;
    if (!readRegularFile(path, RecordReader::MaxRecordBytes, &data, error))
        return false;
    *sha = sha256Hex(data);
    *bytes = data.size();
    const QString name = QFileInfo(path).fileName();
    if (name.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
        QString e;
        if (!parseJsonValue(data, out, &e)) {
            *error = e;
            return false;
        }
        return true;
    }
    *out = QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("text"), QString::fromUtf8(data)}};
    return true;
}

} // namespace

QString relativePath(const QString &baseDir, const QString &path)
{
    if (baseDir.isEmpty())
        return QDir::fromNativeSeparators(path);
    return QDir::fromNativeSeparators(QDir(baseDir).relativeFilePath(path));
}

QStringList listFolderSorted(const QString &folder)
{
    QStringList names = QDir(folder).entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::NoSort);
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
    return names;
}

QString detectDatasetFormat(const QString &path)
{
    const QFileInfo fi(path);
    if (fi.isDir()) {
        const QStringList files = listFolderSorted(path);
        if (files.isEmpty())
            return QStringLiteral("folder");
        const bool allJson = std::all_of(files.cbegin(), files.cend(), [](const QString &f) {
            return f.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive);
        });
        return allJson ? QStringLiteral("shards") : QStringLiteral("folder");
    }
    const QString suffix = fi.suffix().toLower();
    if (suffix == u"jsonl" || suffix == u"ndjson")
        return QStringLiteral("jsonl");
    if (suffix == u"csv")
        return QStringLiteral("csv");
    if (suffix == u"json")
        return QStringLiteral("json");
    return {};
}

ShardingResult shardDataset(const QString &path, const ShardingOptions &opts)
{
    ShardingResult r;
    const QFileInfo fi(path);
    if (!fi.exists()) {
        r.diagnostics.append(Diagnostic::error(path, 0, 0, QStringLiteral("dataset.path"), Tr::tr("the dataset does not exist"),
                                               Tr::tr("Check dataset.path; it is relative to the job file's folder.")));
        return r;
    }
    r.format = opts.format == u"auto" ? detectDatasetFormat(path) : opts.format;
    if (r.format.isEmpty()) {
        r.diagnostics.append(Diagnostic::error(path, 0, 0, QStringLiteral("dataset.format"),
                                               Tr::tr("cannot tell the dataset's format from its name"),
                                               Tr::tr("Set dataset.format to jsonl, csv, json, folder or shards.")));
        return r;
    }
    const bool wantsFolder = r.format == u"folder" || r.format == u"shards";
    if (wantsFolder != fi.isDir()) {
        r.diagnostics.append(Diagnostic::error(path, 0, 0, QStringLiteral("dataset.format"),
                                               wantsFolder ? Tr::tr("the format '%1' needs a folder, but this is a file").arg(r.format)
                                                           : Tr::tr("the format '%1' needs a file, but this is a folder").arg(r.format),
                                               Tr::tr("Fix dataset.path or dataset.format.")));
        return r;
    }

    Sharder sharder(opts, &r);
    if (!wantsFolder) {
        QFile f(fi.absoluteFilePath());
        if (!openFile(&f, &r))
            return r;
        if (opts.progress)
            opts.progress->setBytesTotal(f.size());
        const std::unique_ptr<TextRecordReader> reader = createRecordReader(r.format, &f, f.fileName());
        const bool fed = sharder.feedText(*reader, f.fileName(), false);
        if (fed)
            sharder.finish();
        sharder.fileDone(reader->bytesRead());
        r.inputs.append(ManifestEntry{QStringLiteral("dataset"), relativePath(opts.baseDir, f.fileName()), reader->digest(),
                                      reader->bytesRead()});
    } else {
        const QStringList files = listFolderSorted(fi.absoluteFilePath());
        if (files.isEmpty()) {
            const bool hasOther = !QDir(fi.absoluteFilePath()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
            r.diagnostics.append(Diagnostic::error(path, 0, 0, QStringLiteral("dataset.path"),
                                                   hasOther ? Tr::tr("the folder holds no files to read: names starting with '.', "
                                                                     "subfolders and anything that is not a regular file are skipped")
                                                            : Tr::tr("the folder is empty"),
                                                   Tr::tr("Put the dataset's files directly in it (one record per file, or *.json "
                                                          "shard files), or point dataset.path at a file.")));
            return r;
        }
        if (opts.progress) {
            qint64 total = 0;
            for (const QString &name : files)
                total += QFileInfo(fi.absoluteFilePath() + u'/' + name).size();
            opts.progress->setBytesTotal(total);
        }
        for (const QString &name : files) {
            const QString file = fi.absoluteFilePath() + u'/' + name;
            if (!pathWithinRoots(file, {fi.absoluteFilePath()})) {
                // A link out of the folder would read (and ship) a file the job did not name.
                Diagnostic d = Diagnostic::error(file, 0, 0, QStringLiteral("dataset.path"),
                                                 Tr::tr("%1 is a symbolic link to %2, outside the dataset folder").arg(file, canonicalPath(file)),
                                                 Tr::tr("Copy the file into the dataset folder instead of linking to it."));
                d.category = Diagnostic::Category::Policy;
                r.diagnostics.append(d);
                return r;
            }
            if (r.format == u"shards") {
                QFile f(file);
                if (!openFile(&f, &r))
                    continue;
                JsonArrayReader reader(&f, file);
                const bool fed = sharder.feedText(reader, file, true);
                sharder.fileDone(reader.bytesRead());
                r.inputs.append(ManifestEntry{QStringLiteral("dataset"), relativePath(opts.baseDir, file), reader.digest(),
                                              reader.bytesRead()});
                if (!fed)
                    break;
            } else {
                QJsonValue v;
                QString sha;
                qint64 bytes = 0;
                QString error;
                if (!readFileRecord(file, &v, &sha, &bytes, &error)) {
                    DatasetRecord rec;
                    rec.file = file;
                    rec.byteOffset = 0;
                    rec.error = error;
                    sharder.badRecord(file, rec);
                } else if (!sharder.addRecord(v)) {
                    break;
                }
                if (!sha.isEmpty())
                    r.inputs.append(ManifestEntry{QStringLiteral("dataset"), relativePath(opts.baseDir, file), sha, bytes});
                sharder.fileDone(bytes);
                if (sharder.isCancelled())
                    break;
            }
        }
        if (r.format == u"folder")
            sharder.finish();
    }

    if (sharder.isCancelled()) {
        // Nothing half-done stays behind: no plan comes of this, so no payload either.
        sharder.removeWritten();
        r.cancelled = true;
        r.shards.clear();
        r.inputs.clear();
        r.skipped.clear();
        qCDebug(lcDataset) << path << "cancelled after" << (opts.progress ? opts.progress->bytesRead() : 0) << "bytes";
        return r;
    }

    if (r.badRecords > 0 && !opts.skipBadRecords) {
        if (r.badRecords > opts.maxReportedBadRecords)
            r.diagnostics.append(Diagnostic::error(path, 0, 0, QStringLiteral("dataset"),
                                                   Tr::tr("%1 more bad records not listed").arg(r.badRecords - opts.maxReportedBadRecords)));
        r.diagnostics.append(Diagnostic::error(path, 0, 0, QStringLiteral("dataset.on_bad_record"),
                                               Tr::tr("%1 of %2 records are malformed").arg(r.badRecords).arg(r.records + r.badRecords),
                                               Tr::tr("Fix them, or set 'on_bad_record: skip' to leave them out (they are listed in the plan).")));
        r.shards.clear();
    } else if (r.badRecords > 0) {
        r.diagnostics.append(Diagnostic::warning(path, 0, 0, QStringLiteral("dataset.on_bad_record"),
                                                 Tr::tr("%1 malformed records skipped").arg(r.badRecords)));
    }
    if (r.ok() && r.records == 0 && r.format != u"shards")
        r.diagnostics.append(Diagnostic::error(path, 0, 0, QStringLiteral("dataset.path"), Tr::tr("the dataset has no records"),
                                               Tr::tr("Add records to it (for jsonl: one JSON value per line), or point "
                                                      "dataset.path at a file or folder with data.")));
    std::sort(r.inputs.begin(), r.inputs.end(), [](const ManifestEntry &a, const ManifestEntry &b) {
        return a.path.toUtf8() < b.path.toUtf8();
    });
    qCDebug(lcDataset) << path << r.format << r.records << "records" << r.shards.size() << "shards" << r.badRecords << "bad";
    return r;
}

} // namespace mrp
