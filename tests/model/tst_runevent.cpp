// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The run log's vocabulary: every kind has its sentence, text() says it in English whatever
// language is installed, translatedText() in the installed one (here the German catalogue), and
// arguments go in once, as they are.

#include "record/runevent.h"

#include <QCoreApplication>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>

using namespace mrp;
using namespace Qt::StringLiterals;
using K = RunEvent::Kind;

class TestRunEvent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void englishText_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<QString>("text");
        QTest::newRow("started") << int(K::RunStarted) << QStringList{u"r1"_s, u"4"_s, u"local"_s, u"bubblewrap"_s} << qint64(-1)
                                 << u"run r1 started: 4 shards on local (bubblewrap)"_s;
        QTest::newRow("failed") << int(K::AttemptFailed) << QStringList{u"shard-0002"_s, u"1"_s, u"timeout"_s, u"Timed out."_s}
                                << qint64(-1) << u"shard-0002: attempt 1 failed: timeout: Timed out."_s;
        QTest::newRow("plural") << int(K::CancellingAttempts) << QStringList{} << qint64(3)
                                << u"cancel requested: stopping dispatch, cancelling 3 attempt(s) in flight"_s;
        QTest::newRow("message") << int(K::Message) << QStringList{u"Run r1 ended: 100% done"_s} << qint64(-1)
                                 << u"Run r1 ended: 100% done"_s;
        // An argument that holds a placeholder stays as it is (one pass).
        QTest::newRow("placeholder in an argument") << int(K::Reduced) << QStringList{u"%1 %2 %n"_s} << qint64(-1)
                                                    << u"reduce ok: %1 %2 %n"_s;
        QTest::newRow("swept") << int(K::SweptAfter)
                               << QStringList{u"sb-1"_s, u"r0"_s, u"shard-0001"_s, u"started"_s, u"2026-12-06"_s, u"deleted"_s}
                               << qint64(-1) << u"sweep after the map phase: sandbox sb-1 of run r0, shard shard-0001 (started, created 2026-12-06): deleted"_s;
    }

    void englishText()
    {
        QFETCH(int, kind);
        QFETCH(QStringList, args);
        QFETCH(qint64, count);
        QFETCH(QString, text);
        const RunEvent e{K(kind), -1, args, count};
        QCOMPARE(e.text(), text);
        QCOMPARE(e.translatedText(), text);   // no translator installed: the same words
    }

    void everyKindHasItsSentence()
    {
        const QMetaEnum kinds = QMetaEnum::fromType<K>();
        QVERIFY(kinds.keyCount() > 20);
        static const QRegularExpression placeholder(u"%[1-9n]"_s);
        QSet<QString> sentences;
        for (int i = 0; i < kinds.keyCount(); ++i) {
            const RunEvent e{K(kinds.value(i)), -1, {u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s, u"g"_s}, 2};
            const QString text = e.text();
            QVERIFY2(!text.isEmpty() && !text.contains(placeholder), kinds.key(i));
            if (e.kind != K::Message)
                QVERIFY2(text != u"a"_s, kinds.key(i));
            sentences.insert(text);
        }
        QCOMPARE(sentences.size(), kinds.keyCount());   // no two kinds say the same
    }

    void germanOnTheRunPageEnglishForTools()
    {
        QTranslator german;
        QVERIFY(german.load(u":/i18n/mrp_de.qm"_s));
        QVERIFY(QCoreApplication::installTranslator(&german));
        const RunEvent started{K::RunStarted, -1, {u"r1"_s, u"4"_s, u"local"_s, u"bubblewrap"_s}, -1};
        QCOMPARE(started.translatedText(), u"Lauf r1 gestartet: 4 Shards auf local (bubblewrap)"_s);
        QCOMPARE(started.text(), u"run r1 started: 4 shards on local (bubblewrap)"_s);
        QCOMPARE((RunEvent{K::CancellingAttempts, -1, {}, 1}.translatedText()),
                 u"Abbruch angefordert: keine neuen Shards, 1 laufender Versuch wird abgebrochen"_s);
        QCOMPARE((RunEvent{K::CancellingAttempts, -1, {}, 3}.translatedText()),
                 u"Abbruch angefordert: keine neuen Shards, 3 laufende Versuche werden abgebrochen"_s);
        QCOMPARE((RunEvent{K::Message, -1, {u"schon übersetzt"_s}, -1}.translatedText()), u"schon übersetzt"_s);
        QCoreApplication::removeTranslator(&german);
    }
};

QTEST_GUILESS_MAIN(TestRunEvent)
#include "tst_runevent.moc"
