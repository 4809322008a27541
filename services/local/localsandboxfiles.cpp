// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "local/localsandboxfiles.h"

#include "data/digest.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QThread>

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcLocalFiles, "mrp.services.localfiles")

using namespace Qt::StringLiterals;

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::LocalBackend)
};

SandboxError fail(const QString &message, const QString &details = {})
{
    SandboxError e;
    e.cls = ErrorClass::Infrastructure;
    e.message = message;
    e.details = details;
    return e;
}

// A path relative to the work directory that cannot leave it; empty when it would.
QString safeRelative(const QString &remote)
{
    if (remote.isEmpty() || remote.startsWith(u'/') || QDir::isAbsolutePath(remote))
        return {};
    const QString clean = QDir::cleanPath(remote);
    if (clean == u"."_s || clean == u".."_s || clean.startsWith(u"../"_s) || clean.contains(QChar(0)))
        return {};
    return clean;
}

#if defined(Q_OS_UNIX)
QByteArray enc(const QString &p) { return QFile::encodeName(p); }

bool isRealDir(const QByteArray &path)
{
    struct stat st;
    return ::lstat(path.constData(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Makes every folder of rel's parent inside work, refusing symlinks planted by the sandbox.
bool ensureParentInside(const QString &work, const QString &rel, QString *why)
{
    const QStringList parts = rel.split(u'/');
    QString path = work;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        path += u'/' + parts.at(i);
        const QByteArray p = enc(path);
        struct stat st;
        if (::lstat(p.constData(), &st) != 0) {
            if (::mkdir(p.constData(), 0755) != 0) {
                *why = QString::fromLocal8Bit(std::strerror(errno));
                return false;
            }
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            *why = u"%1 is not a folder (symlinks are refused)"_s.arg(parts.mid(0, i + 1).join(u'/'));
            return false;
        }
    }
    return true;
}

// Removes everything below dir without following symlinks; makes folders the sandbox locked
// (mode 000) listable first.
bool removeTreeContents(const QByteArray &dir)
{
    bool ok = true;
    ::chmod(dir.constData(), 0700);
    DIR *d = ::opendir(dir.constData());
    if (!d)
        return errno == ENOENT;
    while (struct dirent *e = ::readdir(d)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
            continue;
        const QByteArray child = dir + '/' + e->d_name;
        if (isRealDir(child)) {
            ok = removeTreeContents(child) && ok;
            ok = (::rmdir(child.constData()) == 0) && ok;
        } else {
            ok = (::unlink(child.constData()) == 0 || errno == ENOENT) && ok;
        }
    }
    ::closedir(d);
    return ok;
}
#endif

} // namespace

QJsonObject LocalSandboxMeta::toJson() const
{
    QJsonObject l;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        l.insert(it.key(), it.value());
    return QJsonObject{{u"id"_s, id},
                       {u"labels"_s, l},
                       {u"createdAt"_s, createdAt},
                       {u"uid"_s, qint64(uid)},
                       {u"memoryBytes"_s, memoryBytes},
                       {u"fileSizeBytes"_s, fileSizeBytes},
                       {u"cpu"_s, cpu}};
}

bool LocalSandboxMeta::fromJson(const QJsonObject &o, LocalSandboxMeta *out)
{
    const QString id = o.value(u"id"_s).toString();
    if (!localfiles::isValidSandboxId(id))
        return false;
    out->id = id;
    out->labels.clear();
    const QJsonObject l = o.value(u"labels"_s).toObject();
    for (auto it = l.begin(); it != l.end(); ++it)
        out->labels.insert(it.key(), it.value().toString());
    out->createdAt = o.value(u"createdAt"_s).toString();
    out->uid = uint(o.value(u"uid"_s).toInteger());
    out->memoryBytes = o.value(u"memoryBytes"_s).toInteger(1ll << 30);
    out->fileSizeBytes = o.value(u"fileSizeBytes"_s).toInteger(3ll << 30);
    out->cpu = o.value(u"cpu"_s).toInt(1);
    return true;
}

namespace localfiles {

QString defaultBaseDir(const QString &fallback)
{
#if defined(Q_OS_LINUX)
    const QString dir = u"/var/tmp/mrp-sandboxes-%1"_s.arg(::geteuid());
    const QByteArray d = enc(dir);
    if (::mkdir(d.constData(), 0711) != 0 && errno != EEXIST) {
        qCWarning(lcLocalFiles).noquote() << "cannot make" << dir << "(" << std::strerror(errno) << "); sandboxes go to" << fallback;
        return fallback;
    }
    // /var/tmp is everybody's: a folder planted there by someone else (or a link) is not ours.
    struct stat st;
    if (::lstat(d.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() || (st.st_mode & 022) != 0) {
        qCWarning(lcLocalFiles).noquote() << dir << "is not a folder of ours that only we may write to; sandboxes go to" << fallback;
        return fallback;
    }
    return dir;
#else
    return fallback;
#endif
}

bool isValidSandboxId(const QString &id)
{
    static const QRegularExpression re(u"^local-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s);
    return re.matchView(id).hasMatch();
}

SandboxError createSandbox(const LocalSandboxMeta &meta)
{
    const QString work = meta.workDir();
    if (!QDir().mkpath(meta.root) || !QDir().mkdir(work)) {
        return fail(Tr::tr("Could not create the local sandbox folder %1. Check that the folder is writable and the disk is not full.").arg(work));
    }
#if defined(Q_OS_UNIX)
    if (meta.uid != 0) {
        const QByteArray w = enc(work);
        if (::chown(w.constData(), meta.uid, meta.uid) != 0 || ::chmod(w.constData(), 0700) != 0) {
            return fail(Tr::tr("Could not hand the sandbox folder %1 to its unprivileged user.").arg(work),
                        QString::fromLocal8Bit(std::strerror(errno)));
        }
    }
#endif
    // Written beside and renamed: whole or absent. Not fsynced: after a power cut the folder is
    // at worst unlisted, while every sandbox start would pay for the sync.
    const QString metaPath = meta.root + u"/sandbox.json"_s;
    QFile f(metaPath + u".part"_s);
    const QByteArray json = QJsonDocument(meta.toJson()).toJson(QJsonDocument::Compact);
    if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size() || !f.flush()) {
        return fail(Tr::tr("Could not write %1.").arg(metaPath), f.errorString());
    }
    f.close();
    if (!f.rename(metaPath))
        return fail(Tr::tr("Could not write %1.").arg(metaPath), f.errorString());
    return {};
}

bool readMeta(const QString &baseDir, const QString &id, LocalSandboxMeta *out)
{
    if (!isValidSandboxId(id))
        return false;
    QFile f(baseDir + u'/' + id + u"/sandbox.json"_s);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    if (!LocalSandboxMeta::fromJson(QJsonDocument::fromJson(f.readAll()).object(), out) || out->id != id)
        return false;
    out->root = baseDir + u'/' + id;
    return true;
}

SandboxError upload(const LocalSandboxMeta &meta, const QList<UploadFile> &files)
{
    const QString work = meta.workDir();
    if (!QFileInfo(work).isDir())
        return fail(Tr::tr("The work folder of sandbox %1 is gone.").arg(meta.id));
    for (const UploadFile &file : files) {
        const QString rel = safeRelative(file.remotePath);
        if (rel.isEmpty())
            return fail(Tr::tr("Refusing to upload to %1: paths must stay inside the sandbox work folder.").arg(file.remotePath));
        const QString dest = work + u'/' + rel;
#if defined(Q_OS_UNIX)
        QString why;
        if (!ensureParentInside(work, rel, &why))
            return fail(Tr::tr("Could not upload %1 into sandbox %2.").arg(rel, meta.id), why);
        const QByteArray d = enc(dest);
        struct stat st;
        if (::lstat(d.constData(), &st) == 0) {
            if (S_ISDIR(st.st_mode) || ::unlink(d.constData()) != 0)
                return fail(Tr::tr("Could not replace %1 in sandbox %2.").arg(rel, meta.id));
        }
#else
        QDir().mkpath(QFileInfo(dest).path());
        QFile::remove(dest);
#endif
        if (!QFile::copy(file.localPath, dest)) {
            return fail(Tr::tr("Could not upload %1 into sandbox %2: the file could not be copied.").arg(file.localPath, meta.id),
                        QFile(file.localPath).exists() ? u"copy failed"_s : u"source missing"_s);
        }
        QFile::setPermissions(dest, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    return {};
}

SandboxError download(const LocalSandboxMeta &meta, const QList<DownloadFile> &files)
{
    const QString work = meta.workDir();
    for (const DownloadFile &file : files) {
        const QString rel = safeRelative(file.remotePath);
        if (rel.isEmpty())
            return fail(Tr::tr("Refusing to download %1: paths must stay inside the sandbox work folder.").arg(file.remotePath));
        const QString src = work + u'/' + rel;
        QFile in;
#if defined(Q_OS_UNIX)
        // No symlink anywhere on the way and only a regular file: what the sandbox left must not
        // make us copy a host file out (or block on a FIFO).
        const QStringList parts = rel.split(u'/');
        QString p = work;
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
            p += u'/' + parts.at(i);
            if (!isRealDir(enc(p)))
                return fail(Tr::tr("Could not download %1 from sandbox %2: it is missing or not a plain file.").arg(rel, meta.id));
        }
        const int fd = ::open(enc(src).constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        struct stat st;
        if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            const QString why = QString::fromLocal8Bit(std::strerror(errno));
            if (fd >= 0)
                ::close(fd);
            return fail(Tr::tr("Could not download %1 from sandbox %2: it is missing or not a plain file.").arg(rel, meta.id), why);
        }
        if (!in.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            ::close(fd);
            return fail(Tr::tr("Could not read %1 in sandbox %2.").arg(rel, meta.id));
        }
#else
        in.setFileName(src);
        if (!QFileInfo(src).isFile() || !in.open(QIODevice::ReadOnly))
            return fail(Tr::tr("Could not download %1 from sandbox %2: it is missing or not a plain file.").arg(rel, meta.id));
#endif
        // Refused by its size before a byte is copied; counted again while copying, since a
        // process left behind could still be writing it.
        const auto tooLarge = [&](qint64 seen) {
            SandboxError e = fail(Tr::tr("The file %1 in sandbox %2 is larger than %3 MiB, the most that may be downloaded; it was not copied.")
                                      .arg(rel, meta.id)
                                      .arg(file.maxBytes >> 20),
                                  u"%1 bytes or more, cap %2 bytes"_s.arg(seen).arg(file.maxBytes));
            e.cls = ErrorClass::BadOutput;
            e.tooLarge = true;
            return e;
        };
        if (file.maxBytes > 0 && in.size() > file.maxBytes)
            return tooLarge(in.size());
        // Streamed into <localPath>.part and renamed: complete or absent. No fsync: whoever keeps
        // the file makes it durable (the run store's commit does), and no hash unless asked for.
        QDir().mkpath(QFileInfo(file.localPath).absolutePath());
        QFile out(file.localPath + u".part"_s);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(Tr::tr("Could not write %1.").arg(file.localPath), out.errorString());
        const bool check = !file.sha256.isEmpty();
        Sha256 hash;
        QByteArray buf(1 << 20, Qt::Uninitialized);
        bool ok = true;
        qint64 copied = 0;
        for (;;) {
            const qint64 n = in.read(buf.data(), buf.size());
            if (n <= 0) {
                ok = n == 0;
                break;
            }
            copied += n;
            if (file.maxBytes > 0 && copied > file.maxBytes) {
                out.remove();
                return tooLarge(copied);
            }
            if (check)
                hash.addData(QByteArrayView(buf.constData(), n));
            if (out.write(buf.constData(), n) != n) {
                ok = false;
                break;
            }
        }
        if (!ok || !out.flush()) {
            out.remove();
            return fail(Tr::tr("Could not copy %1 out of sandbox %2.").arg(rel, meta.id), out.errorString());
        }
        out.close();
        if (check) {
            const QString actual = hash.hexResult();
            if (actual.compare(file.sha256, Qt::CaseInsensitive) != 0) {
                out.remove();
                SandboxError e = fail(Tr::tr("The file %1 from sandbox %2 does not match its announced digest.").arg(rel, meta.id),
                                      u"sha256 %1, expected %2"_s.arg(actual, file.sha256));
                e.cls = ErrorClass::BadOutput;
                return e;
            }
        }
        QFile::remove(file.localPath);
        if (!out.rename(file.localPath)) {
            const QString why = out.errorString();
            out.remove();
            return fail(Tr::tr("Could not write %1.").arg(file.localPath), why);
        }
    }
    return {};
}

SandboxError wipeWork(const LocalSandboxMeta &meta)
{
    const QString work = meta.workDir();
#if defined(Q_OS_UNIX)
    const bool ok = removeTreeContents(enc(work));
    if (meta.uid != 0)
        ::chmod(enc(work).constData(), 0700);
    else
        ::chmod(enc(work).constData(), 0755);
#else
    QDir dir(work);
    bool ok = dir.removeRecursively() && QDir().mkpath(work);
#endif
    if (!ok || !QDir(work).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
        return fail(Tr::tr("Could not empty the work folder of sandbox %1.").arg(meta.id), work);
    return {};
}

SandboxError remove(const LocalSandboxMeta &meta)
{
#if defined(Q_OS_UNIX)
    // A command killed a moment ago may still be ending (its pid namespace dies after bubblewrap
    // does) and write one more file: try again briefly before reporting failure.
    const QByteArray root = enc(meta.root);
    for (int attempt = 0; attempt < 5 && QFileInfo::exists(meta.root); ++attempt) {
        if (attempt > 0)
            QThread::msleep(50);
        removeTreeContents(root);
        ::rmdir(root.constData());
    }
#else
    QDir(meta.root).removeRecursively();
#endif
    if (QFileInfo::exists(meta.root))
        return fail(Tr::tr("Could not delete the local sandbox folder %1.").arg(meta.root));
    return {};
}

qint64 diskUsage(const QString &dir, qint64 stopAbove)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
#if defined(Q_OS_UNIX)
        struct stat st;
        if (::lstat(enc(it.filePath()).constData(), &st) != 0)
            continue;  // gone meanwhile
        const qint64 blocks = qint64(st.st_blocks) * 512;
        if (S_ISREG(st.st_mode))
            total += qMax<qint64>(st.st_size, blocks);
        else if (S_ISDIR(st.st_mode))
            total += blocks;
#else
        const QFileInfo fi = it.fileInfo();
        if (fi.isFile() && !fi.isSymLink())
            total += fi.size();
#endif
        if (stopAbove > 0 && total > stopAbove)
            break;
    }
    return total;
}

QList<SandboxInfo> list(const QString &baseDir, const QMap<QString, QString> &labels)
{
    QList<SandboxInfo> out;
    const QStringList names = QDir(baseDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names) {
        LocalSandboxMeta meta;
        if (!readMeta(baseDir, name, &meta))
            continue;
        bool match = true;
        for (auto it = labels.cbegin(); it != labels.cend() && match; ++it)
            match = meta.labels.value(it.key()) == it.value() && meta.labels.contains(it.key());
        if (!match)
            continue;
        SandboxInfo info;
        info.id = meta.id;
        info.labels = meta.labels;
        info.createdAt = meta.createdAt;
        info.state = QFileInfo(meta.workDir()).isDir() ? u"started"_s : u"broken"_s;
        out.append(info);
    }
    return out;
}

} // namespace localfiles
} // namespace mrp
