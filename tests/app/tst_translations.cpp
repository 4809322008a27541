// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Translations: the German catalogue is compiled in and changes what the main window shows;
// mrp_de.ts has no unfinished message; the pseudo-locale keeps placeholders and mnemonics
// and renders the main window (screenshot + a list of clipped widgets in the build folder).

#include "mainwindow.h"
#include "i18n/pseudotranslator.h"
#include "i18n/translations.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

void removeTranslators()
{
    // A QTranslator removes itself from the application when destroyed.
    qDeleteAll(qApp->findChildren<QTranslator *>(Qt::FindDirectChildrenOnly));
}

QStringList menuTitles(const QMainWindow &w)
{
    QStringList titles;
    for (const QAction *a : w.menuBar()->actions())
        titles << a->text();
    return titles;
}

// Every visible text of the window's widgets (titles, menus, actions, labels, buttons, tabs).
QStringList visibleTexts(const QMainWindow &w)
{
    QStringList texts{w.windowTitle()};
    texts << menuTitles(w);
    for (const QAction *a : w.findChildren<QAction *>())
        if (!a->text().isEmpty() && !a->isSeparator())
            texts << a->text();
    for (const QLabel *l : w.findChildren<QLabel *>())
        if (!l->text().isEmpty())
            texts << l->text();
    for (const QAbstractButton *b : w.findChildren<QAbstractButton *>())
        if (!b->text().isEmpty())
            texts << b->text();
    for (const QTabBar *t : w.findChildren<QTabBar *>())
        for (int i = 0; i < t->count(); ++i)
            texts << t->tabText(i);
    return texts;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void catalogueIsCompiledIn();
    void germanChangesMainWindow();
    void germanCatalogueComplete();
    void unknownLocaleFallsBackToEnglish();
    void pseudoLocaliseKeepsMarkup_data();
    void pseudoLocaliseKeepsMarkup();
    void pseudoLocaleScreenshot();
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTranslations::cleanup()
{
    removeTranslators();
}

void TestTranslations::catalogueIsCompiledIn()
{
    QVERIFY(QFile::exists(mrp::translationsResourcePath() + u"/mrp_de.qm"_s));
    QTranslator t;
    QVERIFY(t.load(QLocale(QLocale::German, QLocale::Germany), u"mrp"_s, u"_"_s, mrp::translationsResourcePath()));
    QVERIFY(!t.isEmpty());
    QCOMPARE(t.language(), u"de_DE"_s);
}

void TestTranslations::germanChangesMainWindow()
{
    QStringList english;
    QStringList englishMenus;
    {
        mrp::MainWindow w;
        english = visibleTexts(w);
        englishMenus = menuTitles(w);
    }
    QVERIFY2(!englishMenus.isEmpty(), "the main window has no menu bar entries to check");

    QVERIFY(mrp::installTranslators(qApp, QLocale(QLocale::German, QLocale::Germany)) >= 1);
    mrp::MainWindow w;
    const QStringList german = visibleTexts(w);
    const QStringList germanMenus = menuTitles(w);
    QCOMPARE(germanMenus.size(), englishMenus.size());
    // The product name stays in every language; the menus do not.
    QVERIFY2(w.windowTitle().contains(u"MRP Workbench"), qPrintable(w.windowTitle()));
    for (qsizetype i = 0; i < englishMenus.size(); ++i) {
        QVERIFY2(germanMenus.at(i) != englishMenus.at(i),
                 qPrintable(u"menu '%1' is not translated"_s.arg(englishMenus.at(i))));
        if (englishMenus.at(i) == u"&File")
            QCOMPARE(germanMenus.at(i), u"&Datei"_s);
        if (englishMenus.at(i) == u"&Help")
            QCOMPARE(germanMenus.at(i), u"&Hilfe"_s);
    }
    QVERIFY(german != english);
}

void TestTranslations::germanCatalogueComplete()
{
    // Every message is translated, and every translation keeps the source's numbered
    // placeholders (%1, %L2) and its trailing newline (the CLI prints them as they are).
    QFile ts(QStringLiteral(MRP_SOURCE_DIR) + u"/translations/mrp_de.ts"_s);
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
    QXmlStreamReader xml(&ts);
    static const QRegularExpression placeholder(u"%L?\\d+"_s);
    auto placeholders = [](const QString &text) {
        QStringList found;
        for (auto it = placeholder.globalMatch(text); it.hasNext();)
            found << it.next().captured();
        found.sort();
        found.removeDuplicates();
        return found;
    };
    QString context;
    QString source;
    QStringList problems;
    int messages = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"message") {
            ++messages;
        } else if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            const auto type = xml.attributes().value(u"type"_s).toString();
            if (type == u"vanished" || type == u"obsolete")
                continue;
            if (type == u"unfinished") {
                problems << u"untranslated: "_s + context + u": "_s + source;
                continue;
            }
            QStringList forms;
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == u"numerusform")
                    forms << xml.readElementText();
                else if (xml.isEndElement() && xml.name() == u"translation")
                    break;
            }
            if (forms.isEmpty())
                forms << text;
            for (const QString &f : std::as_const(forms)) {
                if (placeholders(f) != placeholders(source))
                    problems << u"placeholders differ: "_s + context + u": "_s + source + u" -> "_s + f;
                if (source.endsWith(u'\n') != f.endsWith(u'\n'))
                    problems << u"trailing newline differs: "_s + context + u": "_s + source;
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 0);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
}

void TestTranslations::unknownLocaleFallsBackToEnglish()
{
    // We ship no Japanese catalogue: tr() returns the English source text.
    mrp::installTranslators(qApp, QLocale(QLocale::Japanese, QLocale::Japan));
    const char *source = "Open the main window, check it, and quit.";
    QCOMPARE(QCoreApplication::translate("main", source), QString::fromLatin1(source));
    removeTranslators();
    mrp::installTranslators(qApp, QLocale(QLocale::German, QLocale::Austria));
    QCOMPARE(QCoreApplication::translate("main", source), u"Das Hauptfenster öffnen, prüfen und beenden."_s);
}

void TestTranslations::pseudoLocaliseKeepsMarkup_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("kept");
    QTest::newRow("mnemonic") << u"&File"_s << QStringList{u"&F"_s};
    QTest::newRow("placeholders") << u"Shard %1 of %2 failed"_s << QStringList{u"%1"_s, u"%2"_s};
    QTest::newRow("localised number") << u"%L1 records"_s << QStringList{u"%L1"_s};
    QTest::newRow("plural") << u"%n shard(s)"_s << QStringList{u"%n"_s};
    QTest::newRow("progress bar") << u"%v of %m shards (%p%)"_s << QStringList{u"%v"_s, u"%m"_s, u"%p"_s, u"%)"_s};
    QTest::newRow("html") << u"<b>Cost</b> so far"_s << QStringList{u"<b>"_s, u"</b>"_s};
    QTest::newRow("entity") << u"Save &amp; quit"_s << QStringList{u"&amp;"_s};
}

void TestTranslations::pseudoLocaliseKeepsMarkup()
{
    QFETCH(QString, source);
    QFETCH(QStringList, kept);
    const QString pseudo = mrp::PseudoTranslator::pseudoLocalise(source);
    for (const QString &k : kept)
        QVERIFY2(pseudo.contains(k), qPrintable(pseudo));
    QVERIFY2(pseudo.size() >= source.size() * 13 / 10, qPrintable(pseudo));
    QVERIFY(pseudo != source);
    // No plain ASCII letter survives outside kept markup.
    QString rest = pseudo;
    for (const QString &k : kept)
        rest.remove(k);
    for (const QChar c : std::as_const(rest))
        QVERIFY2(!(c >= u'a' && c <= u'z') && !(c >= u'A' && c <= u'Z'), qPrintable(pseudo));
}

void TestTranslations::pseudoLocaleScreenshot()
{
    auto *pseudo = new mrp::PseudoTranslator(qApp);
    QCoreApplication::installTranslator(pseudo);
    mrp::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY2(w.windowTitle().startsWith(u'['), qPrintable(w.windowTitle()));

    // Every page of the window's page stack in turn: a screenshot each, and the widgets whose
    // text needs more room than they got (single-line labels, buttons).
    const QString dir = QStringLiteral(MRP_BINARY_DIR);
    QStringList clipped;
    auto checkClipping = [&clipped, &w](const QString &where) {
        for (const QLabel *l : w.findChildren<QLabel *>()) {
            if (l->isVisibleTo(&w) && !l->wordWrap() && !l->text().isEmpty() && l->textFormat() != Qt::RichText
                && l->sizeHint().width() > l->width() + 1)
                clipped << u"%1: QLabel '%2' needs %3 px, has %4"_s.arg(where, l->text())
                               .arg(l->sizeHint().width()).arg(l->width());
        }
        for (const QAbstractButton *b : w.findChildren<QAbstractButton *>()) {
            if (b->isVisibleTo(&w) && !b->text().isEmpty() && b->sizeHint().width() > b->width() + 1)
                clipped << u"%1: %2 '%3' needs %4 px, has %5"_s
                               .arg(where, QString::fromLatin1(b->metaObject()->className()), b->text())
                               .arg(b->sizeHint().width()).arg(b->width());
        }
    };
    QStringList shots;
    QStackedWidget *pages = nullptr;
    for (QStackedWidget *s : w.findChildren<QStackedWidget *>()) {
        if (!pages || s->count() > pages->count())
            pages = s;
    }
    const int pageCount = pages ? pages->count() : 1;
    for (int i = 0; i < pageCount; ++i) {
        if (pages)
            pages->setCurrentIndex(i);
        QApplication::processEvents();
        const QString where = pages ? u"page %1"_s.arg(i) : u"window"_s;
        checkClipping(where);
        const QString png = dir + u"/pseudo-l10n-mainwindow-%1.png"_s.arg(i);
        QVERIFY(w.grab().save(png));
        shots << png;
    }
    const QString png = shots.constFirst();
    // Visible texts that did not go through tr() (no pseudo brackets) — candidates for tr().
    QStringList untranslated;
    for (const QString &t : visibleTexts(w))
        if (!t.isEmpty() && !t.contains(u'[') && t.contains(QRegularExpression(u"[A-Za-z]{3}"_s)))
            untranslated << t;
    untranslated.removeDuplicates();

    QFile report(dir + u"/pseudo-l10n-report.txt"_s);
    QVERIFY(report.open(QIODevice::WriteOnly | QIODevice::Truncate));
    report.write("Screenshots: " + shots.join(u' ').toUtf8() + '\n');
    report.write("Clipped in the pseudo-locale (" + QByteArray::number(clipped.size()) + "):\n");
    for (const QString &c : std::as_const(clipped))
        report.write("  " + c.toUtf8() + '\n');
    report.write("Shown without tr() (" + QByteArray::number(untranslated.size()) + "):\n");
    for (const QString &u : std::as_const(untranslated))
        report.write("  " + u.toUtf8() + '\n');
    qInfo("pseudo-locale screenshot: %s; %lld clipped, %lld without tr() (see pseudo-l10n-report.txt)",
          qPrintable(png), qlonglong(clipped.size()), qlonglong(untranslated.size()));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
