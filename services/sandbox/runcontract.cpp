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

bool isDigestLine(QByteArrayView line)
{
    return line.startsWith(QByteArrayView(DigestLinePrefix.data(), DigestLinePrefix.size()));
}

QString outputDigestFromStdout(const QByteArray &stdoutData)
{
    QByteArrayView data(stdoutData);
    while (!data.isEmpty() && (data.back() == '\n' || data.back() == '\r'))
        data.chop(1);
    const qsizetype nl = data.lastIndexOf('\n');
    const QByteArrayView line = nl < 0 ? data : data.sliced(nl + 1);
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
