// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "store/filesync.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#if defined(Q_OS_WIN)
#include <qt_windows.h>
#else
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace mrp::filesync {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::RunStore)
};

#if defined(Q_OS_WIN)
QString lastError()
{
    return qt_error_string(int(::GetLastError()));
}
#else
QString lastError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}
#endif

} // namespace

#if defined(Q_OS_WIN)

bool syncFile(const QString &path, QString *error)
{
    const QString native = QDir::toNativeSeparators(path);
    HANDLE h = ::CreateFileW(reinterpret_cast<const wchar_t *>(native.utf16()), GENERIC_WRITE,
                             FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    const bool ok = h != INVALID_HANDLE_VALUE && ::FlushFileBuffers(h);
    if (!ok && error)
        *error = Tr::tr("Cannot write %1 to the disk: %2").arg(path, lastError());
    if (h != INVALID_HANDLE_VALUE)
        ::CloseHandle(h);
    return ok;
}

RenameResult renameReplacing(const QString &from, const QString &to, QString *error)
{
    const QString f = QDir::toNativeSeparators(from), t = QDir::toNativeSeparators(to);
    if (::MoveFileExW(reinterpret_cast<const wchar_t *>(f.utf16()), reinterpret_cast<const wchar_t *>(t.utf16()),
                      MOVEFILE_REPLACE_EXISTING))
        return RenameResult::Renamed;
    if (::GetLastError() == ERROR_NOT_SAME_DEVICE)
        return RenameResult::OtherFileSystem;
    if (error)
        *error = Tr::tr("Cannot move %1 to %2: %3").arg(from, to, lastError());
    return RenameResult::Failed;
}

#else

bool syncFile(const QString &path, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    const bool ok = fd >= 0 && ::fsync(fd) == 0;
    if (!ok && error)
        *error = Tr::tr("Cannot write %1 to the disk: %2").arg(path, lastError());
    if (fd >= 0)
        ::close(fd);
    return ok;
}

RenameResult renameReplacing(const QString &from, const QString &to, QString *error)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return RenameResult::Renamed;
    if (errno == EXDEV)
        return RenameResult::OtherFileSystem;
    if (error)
        *error = Tr::tr("Cannot move %1 to %2: %3").arg(from, to, lastError());
    return RenameResult::Failed;
}

#endif

} // namespace mrp::filesync
