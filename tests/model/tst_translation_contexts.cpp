// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors

// The compiled German catalogue alone (no source-text fallback) translates what the code asks
// for at run time: every context a `Q_DECLARE_TR_FUNCTIONS(...)` in the sources uses is a
// context of mrp_de.ts with translated messages, a sample of each translates under its runtime
// context, and plurals have their German numerus forms.

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {
// Calls `visit(path, text)` for every .cpp and .h below the given source folders.
template<typename Visit>
void forEachSource(const QStringList &dirs, Visit visit)
{
    for (const QString &dir : dirs) {
        QDirIterator it(QStringLiteral(MRP_SOURCE_DIR) + u'/' + dir, {u"*.cpp"_s, u"*.h"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            visit(f.fileName(), QString::fromUtf8(f.readAll()));
        }
    }
}
} // namespace

class TestTranslationContexts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void declaredContextsAreInCatalogue();
    void oneIdiomOutsideQObjects();
    void runtimeContextsTranslate_data();
    void runtimeContextsTranslate();
    void germanPlurals();

private:
    QTranslator m_catalogue;
    QHash<QString, int> m_finishedPerContext; // from mrp_de.ts
};

void TestTranslationContexts::initTestCase()
{
    QVERIFY(m_catalogue.load(u":/i18n/mrp_de.qm"_s));
    QVERIFY(QCoreApplication::installTranslator(&m_catalogue));

    QFile ts(QStringLiteral(MRP_SOURCE_DIR) + u"/translations/mrp_de.ts"_s);
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
    QXmlStreamReader xml(&ts);
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name")
            context = xml.readElementText();
        else if (xml.name() == u"translation" && xml.attributes().value(u"type"_s).isEmpty())
            ++m_finishedPerContext[context];
    }
    QVERIFY(!xml.hasError());
}

void TestTranslationContexts::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_catalogue);
}

void TestTranslationContexts::declaredContextsAreInCatalogue()
{
    // A helper class with Q_DECLARE_TR_FUNCTIONS(ctx) is how code outside a QObject translates:
    // lupdate records its strings under ctx, and ctx is what translate() gets at run time.
    static const QRegularExpression declared(uR"(Q_DECLARE_TR_FUNCTIONS\(([\w:]+)\))"_s);
    QStringList missing;
    int found = 0;
    forEachSource({u"model"_s, u"services"_s, u"app/cli"_s}, [&](const QString &path, const QString &text) {
        for (auto m = declared.globalMatch(text); m.hasNext();) {
            const QString ctx = m.next().captured(1);
            ++found;
            if (m_finishedPerContext.value(ctx) == 0)
                missing << ctx + u" (" + QFileInfo(path).fileName() + u')';
        }
    });
    QVERIFY2(found >= 20, "expected the helper classes of model/, services/ and app/cli/");
    QVERIFY2(missing.isEmpty(), qPrintable(u"contexts with no translated message in mrp_de.ts: "_s + missing.join(u", ")));
}

void TestTranslationContexts::oneIdiomOutsideQObjects()
{
    // Code outside a QObject translates through a Q_DECLARE_TR_FUNCTIONS class, never by
    // passing a context of its own to QCoreApplication::translate (which lupdate may file under
    // another context, so the string would stay English).
    QStringList offenders;
    forEachSource({u"model"_s, u"services"_s, u"app"_s}, [&](const QString &path, const QString &text) {
        if (text.contains(u"QCoreApplication::translate("_s) || text.contains(u"QApplication::translate("_s)
            || text.contains(u"QObject::tr("_s))
            offenders << path.mid(int(qstrlen(MRP_SOURCE_DIR)) + 1);
    });
    QVERIFY2(offenders.isEmpty(), qPrintable(u"translate() with a context of its own in: "_s + offenders.join(u", ")));
}

void TestTranslationContexts::runtimeContextsTranslate_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("german");
    // One string per file that used a free tr() helper lupdate could not see.
    QTest::newRow("cli run") << u"mrp::cli::run"_s << u"Backend profile (default: the job's backend_profile)."_s
                             << u"Backend-Profil (Vorgabe: backend_profile des Jobs)."_s;
    QTest::newRow("cli validate") << u"mrp::cli::validate"_s << u"Print the result as JSON on stdout."_s
                                  << u"Das Ergebnis als JSON auf stdout ausgeben."_s;
    QTest::newRow("cli key") << u"mrp::cli::key"_s << u"Daytona API key (input hidden): "_s
                             << u"Daytona-API-Schlüssel (Eingabe verborgen): "_s;
    QTest::newRow("cli compile") << u"mrp::cli::compile"_s << u"Where to write the plan (default: ./<job name>.plan)."_s
                                 << u"Wohin der Plan geschrieben wird (Vorgabe: ./<Jobname>.plan)."_s;
    QTest::newRow("job loader") << u"mrp::JobLoader"_s << u"the job file is empty"_s << u"Die Job-Datei ist leer"_s;
    QTest::newRow("history status") << u"mrp::RunHistoryModel"_s << u"cancelled"_s << u"abgebrochen"_s;
    QTest::newRow("compiler") << u"mrp::Compiler"_s << u"Python syntax error: %1"_s << u"Python-Syntaxfehler: %1"_s;
    QTest::newRow("dataset") << u"mrp::Dataset"_s << u"Fix the file; this error stops reading it."_s
                             << u"Korrigieren Sie die Datei; dieser Fehler beendet das Lesen."_s;
    QTest::newRow("csv reader") << u"mrp::CsvReader"_s << u"the file is empty: a header row is required"_s
                                << u"Die Datei ist leer: Eine Kopfzeile ist erforderlich"_s;
    QTest::newRow("local backend") << u"mrp::LocalBackend"_s << u"Nothing to run: the command is empty."_s
                                   << u"Nichts auszuführen: Der Befehl ist leer."_s;
    QTest::newRow("local files") << u"mrp::LocalBackend"_s << u"Could not write %1."_s
                                 << u"%1 konnte nicht geschrieben werden."_s;
    // Files that passed a context of their own to QCoreApplication::translate (kept English
    // unless a source-text fallback rescued them) and RunEngine::Private, which lupdate files
    // outside RunEngine.
    QTest::newRow("producer") << u"mrp::Producer"_s << u"A produce step has an empty path."_s
                              << u"Ein Produce-Schritt hat einen leeren Pfad."_s;
    QTest::newRow("run comparison") << u"mrp::RunComparison"_s << u"Same job, code, plan and backend."_s
                                    << u"Gleicher Job, Code, Plan und gleiches Backend."_s;
    QTest::newRow("run engine private") << u"mrp::RunEngine"_s << u"Cancelled while compiling."_s
                                        << u"Beim Kompilieren abgebrochen."_s;
    QTest::newRow("cli commands") << u"mrp::cli"_s << u"Check a job file, its profile, operators and dataset"_s
                                  << u"Eine Job-Datei, ihr Profil, ihre Operatoren und ihren Datensatz prüfen"_s;
    QTest::newRow("run store") << u"mrp::RunStore"_s << u"Run store error: %1"_s
                               << u"Fehler im Laufspeicher: %1"_s;
}

void TestTranslationContexts::runtimeContextsTranslate()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, german);
    const QByteArray ctx = context.toUtf8();
    const QByteArray src = source.toUtf8();
    QCOMPARE(QCoreApplication::translate(ctx.constData(), src.constData()), german);
}

void TestTranslationContexts::germanPlurals()
{
    // `mrp validate` counts with %n and the numerus forms (not "Warnung(en)").
    QCOMPARE(QCoreApplication::translate("mrp::cli::validate", "(%n warning(s))", nullptr, 1), u"(1 Warnung)"_s);
    QCOMPARE(QCoreApplication::translate("mrp::cli::validate", "(%n warning(s))", nullptr, 3), u"(3 Warnungen)"_s);
    QCOMPARE(QCoreApplication::translate("mrp::cli::validate", "(%n bad record(s) skipped)", nullptr, 1),
             u"(1 fehlerhafter Datensatz übersprungen)"_s);
    QCOMPARE(QCoreApplication::translate("mrp::cli::validate", "(%n bad record(s) skipped)", nullptr, 2),
             u"(2 fehlerhafte Datensätze übersprungen)"_s);
}

QTEST_GUILESS_MAIN(TestTranslationContexts)
#include "tst_translation_contexts.moc"
