// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "job/pythonsyntax.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcess>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcPythonSyntax, "mrp.model.pythonsyntax", QtWarningMsg)

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::Compiler)
};

constexpr int TimeoutMs = 10000;

// Compiles stdin and prints "line<TAB>column<TAB>message" for the first error. -I: no user
// site, no environment; -S: no site module. compile() only parses and compiles.
constexpr char Script[] =
    "import sys\n"
    "src = sys.stdin.buffer.read()\n"
    "try:\n"
    "    compile(src, sys.argv[1], 'exec', dont_inherit=True)\n"
    "except SyntaxError as e:\n"
    "    sys.stdout.write('%d\\t%d\\t%s' % (e.lineno or 0, e.offset or 0, e.msg))\n"
    "    sys.exit(1)\n"
    "except (ValueError, MemoryError, RecursionError) as e:\n"
    "    sys.stdout.write('0\\t0\\t%s' % e)\n"
    "    sys.exit(1)\n";

QString interpreter()
{
    for (const QString &name : {QStringLiteral("python3"), QStringLiteral("python")}) {
        const QString found = QStandardPaths::findExecutable(name);
        if (!found.isEmpty())
            return found;
    }
    return {};
}

} // namespace

std::optional<PythonSyntaxError> checkPythonSyntax(const QByteArray &code, const QString &fileName)
{
    static const QString python = interpreter();
    if (python.isEmpty())
        return std::nullopt;
    QProcess p;
    p.setProgram(python);
    p.setArguments({QStringLiteral("-I"), QStringLiteral("-S"), QStringLiteral("-c"), QString::fromLatin1(Script), fileName});
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start();
    if (!p.waitForStarted(TimeoutMs)) {
        qCWarning(lcPythonSyntax) << "cannot start" << python << p.errorString();
        return std::nullopt;
    }
    p.write(code);
    p.closeWriteChannel();
    if (!p.waitForFinished(TimeoutMs)) {
        p.kill();
        p.waitForFinished();
        return PythonSyntaxError{0, 0, Tr::tr("the interpreter did not finish compiling the operator within %1 s").arg(TimeoutMs / 1000)};
    }
    if (p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
        return std::nullopt;
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QStringList parts = out.split(u'\t');
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 1 || parts.size() < 3) {
        qCWarning(lcPythonSyntax) << python << "ended unexpectedly:" << p.exitCode() << p.readAllStandardError().left(500);
        return std::nullopt;
    }
    return PythonSyntaxError{parts[0].toInt(), parts[1].toInt(), parts.mid(2).join(u'\t')};
}

} // namespace mrp
