// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "sandbox/runcontract.h"

using namespace Qt::StringLiterals;

namespace mrp::runcontract {

QStringList runnerArgv(bool reduce)
{
    QStringList argv{u"python3"_s, u"-I"_s, u"-B"_s, u"-u"_s, QString(RunnerFile)};
    if (reduce)
        argv << u"--reduce"_s;
    return argv;
}

ErrorClass classifyExitCode(int exitCode)
{
    switch (exitCode) {
    case ExitOk:
        return ErrorClass::None;
    case ExitOperatorRaised:
        return ErrorClass::OperatorError;
    case ExitBadOutput:
        return ErrorClass::BadOutput;
    case ExitOutOfMemory:
        return ErrorClass::OutOfMemory;
    default:
        return ErrorClass::NonZeroExit;
    }
}

bool isProtocolLine(QByteArrayView line)
{
    return line.startsWith(QByteArrayView(DigestLinePrefix.data(), DigestLinePrefix.size()))
        || line.startsWith(QByteArrayView(ErrorLinePrefix.data(), ErrorLinePrefix.size()));
}

namespace {
QByteArrayView lastLine(const QByteArray &stdoutData)
{
    QByteArrayView data(stdoutData);
    while (!data.isEmpty() && (data.back() == '\n' || data.back() == '\r'))
        data.chop(1);
    const qsizetype nl = data.lastIndexOf('\n');
    return nl < 0 ? data : data.sliced(nl + 1);
}
} // namespace

QString errorFromStdout(const QByteArray &stdoutData)
{
    const QByteArrayView line = lastLine(stdoutData);
    const QByteArrayView prefix(ErrorLinePrefix.data(), ErrorLinePrefix.size());
    if (!line.startsWith(prefix))
        return {};
    return QString::fromUtf8(line.sliced(prefix.size())).trimmed();
}

QString outputDigestFromStdout(const QByteArray &stdoutData)
{
    const QByteArrayView line = lastLine(stdoutData);
    const QByteArrayView prefix(DigestLinePrefix.data(), DigestLinePrefix.size());
    if (!line.startsWith(prefix))
        return {};
    const QByteArrayView hex = line.sliced(prefix.size());
    if (hex.size() != 64)
        return {};
    for (char c : hex) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return {};
    }
    return QString::fromLatin1(hex);
}

} // namespace mrp::runcontract
