// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// data/inputfile: what may be read (regular files only, bounded), where text stops being UTF-8
// without NUL bytes, and whether a path stays inside its allowed folders after symlinks.
#include "data/inputfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace mrp;

class TestInputFile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString p = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(p).absolutePath());
        QFile f(p);
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
        return p;
    }

private Q_SLOTS:
    void regularFilesOnly()
    {
        const QString file = write(QStringLiteral("a.txt"), "hello");
        QVERIFY(checkRegularFile(file).isEmpty());
        QVERIFY(checkRegularFile(file, 5).isEmpty());
        QVERIFY(checkRegularFile(file, 4).contains(QStringLiteral("larger than")));
        QVERIFY(checkRegularFile(m_dir.path()).contains(QStringLiteral("folder")));
        QVERIFY(checkRegularFile(m_dir.filePath(QStringLiteral("missing"))).contains(QStringLiteral("does not exist")));
        const QString fifo = m_dir.filePath(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        for (const QString &p : {fifo, QStringLiteral("/dev/zero"), QStringLiteral("/dev/null")}) {
            QVERIFY2(checkRegularFile(p).contains(QStringLiteral("not a regular file")), qPrintable(p));
            QByteArray bytes;
            QString error;
            QVERIFY(!readRegularFile(p, 1024, &bytes, &error));   // returns at once: nothing is opened
            QVERIFY(error.contains(p));
        }
        const QString link = m_dir.filePath(QStringLiteral("zero-link"));
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), link));
        QVERIFY(checkRegularFile(link).contains(QStringLiteral("not a regular file")));
    }

    void boundedReads()
    {
        const QString file = write(QStringLiteral("big.bin"), QByteArray(200 * 1024, 'x'));
        QByteArray bytes;
        QString error;
        QVERIFY(readRegularFile(file, 200 * 1024, &bytes, &error));
        QCOMPARE(bytes.size(), 200 * 1024);
        QVERIFY(!readRegularFile(file, 200 * 1024 - 1, &bytes, &error));
        QVERIFY(error.contains(QStringLiteral("larger than")));
        QVERIFY(readRegularFile(write(QStringLiteral("empty"), {}), 0, &bytes, &error));
        QVERIFY(bytes.isEmpty());
    }

    void encoding_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");     // 0: clean
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("nul");
        QTest::newRow("ascii") << QByteArray("a: 1\nb: 2\n") << 0 << 0 << false;
        QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9 \xf0\x9f\x98\x80\n") << 0 << 0 << false;
        QTest::newRow("bom") << QByteArray("\xef\xbb\xbfx") << 0 << 0 << false;
        QTest::newRow("latin-1") << QByteArray("ok\ncaf\xe9\n") << 2 << 4 << false;
        QTest::newRow("nul") << QByteArray("ab\0c", 4) << 1 << 3 << true;
        QTest::newRow("after multibyte") << QByteArray("\xc3\xa9\xc3\xa9\xff") << 1 << 3 << false;
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << 1 << 1 << false;
        QTest::newRow("surrogate") << QByteArray("x\xed\xa0\x80") << 1 << 2 << false;
        QTest::newRow("beyond U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << 1 << 1 << false;
        QTest::newRow("truncated") << QByteArray("ab\xe2\x82") << 1 << 3 << false;
        QTest::newRow("stray continuation") << QByteArray("\n\n\x80") << 3 << 1 << false;
    }
    void encoding()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(bool, nul);
        EncodingProblem at;
        QCOMPARE(findEncodingProblem(text, &at), line > 0);
        if (line > 0) {
            QCOMPARE(at.line, line);
            QCOMPARE(at.column, column);
            QCOMPARE(at.nul, nul);
        }
    }

    void withinRoots()
    {
        const QString root = m_dir.filePath(QStringLiteral("job"));
        write(QStringLiteral("job/in.txt"), "x");
        write(QStringLiteral("job-sibling/out.txt"), "x");
        write(QStringLiteral("outside/out.txt"), "x");
        QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("outside/out.txt")), m_dir.filePath(QStringLiteral("job/link.txt"))));
        QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("job/in.txt")), m_dir.filePath(QStringLiteral("outside/back.txt"))));
        QVERIFY(pathWithinRoots(root + QStringLiteral("/in.txt"), {root}));
        QVERIFY(pathWithinRoots(root, {root}));
        QVERIFY(pathWithinRoots(root + QStringLiteral("/../job/in.txt"), {root}));
        QVERIFY(!pathWithinRoots(root + QStringLiteral("/link.txt"), {root}));            // leads out
        QVERIFY(pathWithinRoots(m_dir.filePath(QStringLiteral("outside/back.txt")), {root}));  // leads in
        QVERIFY(!pathWithinRoots(m_dir.filePath(QStringLiteral("job-sibling/out.txt")), {root}));  // a prefix is not a parent
        QVERIFY(!pathWithinRoots(root + QStringLiteral("/missing"), {root}));
        QVERIFY(!pathWithinRoots(root + QStringLiteral("/in.txt"), {m_dir.filePath(QStringLiteral("nowhere"))}));
        QVERIFY(pathWithinRoots(root + QStringLiteral("/link.txt"), {root, m_dir.filePath(QStringLiteral("outside"))}));
    }
};

QTEST_GUILESS_MAIN(TestInputFile)
#include "tst_inputfile.moc"
