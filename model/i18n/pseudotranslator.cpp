// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "i18n/pseudotranslator.h"

#include <QLatin1StringView>

namespace mrp {

namespace {

// Accented look-alikes for a..z and A..Z (all in the BMP, present in common UI fonts).
constexpr char16_t lower[] = u"åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýž";
constexpr char16_t upper[] = u"ÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ";

bool isKeySequenceContext(const char *context)
{
    const QLatin1StringView c(context ? context : "");
    return c == QLatin1StringView("QShortcut") || c == QLatin1StringView("QKeySequence");
}

} // namespace

PseudoTranslator::PseudoTranslator(QObject *parent)
    : QTranslator(parent)
{
}

bool PseudoTranslator::isEmpty() const
{
    return false;
}

QString PseudoTranslator::translate(const char *context, const char *sourceText, const char *disambiguation,
                                    int n) const
{
    Q_UNUSED(disambiguation)
    Q_UNUSED(n)
    if (!sourceText || !*sourceText || isKeySequenceContext(context))
        return {};
    return pseudoLocalise(QString::fromUtf8(sourceText));
}

QString PseudoTranslator::pseudoLocalise(const QString &text)
{
    QString out;
    out.reserve(text.size() * 2 + 4);
    out += u'[';
    qsizetype letters = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'%') { // %1, %L1, %n, %v/%m/%p (QProgressBar), %%: copy verbatim
            out += c;
            if (i + 1 < text.size() && text.at(i + 1) == u'L')
                out += text.at(++i);
            if (i + 1 < text.size() && (text.at(i + 1).isLetter() || text.at(i + 1) == u'%')) {
                out += text.at(++i);
            } else {
                while (i + 1 < text.size() && text.at(i + 1).isDigit())
                    out += text.at(++i);
            }
            continue;
        }
        if (c == u'<') { // an HTML tag: copy up to '>'
            const qsizetype end = text.indexOf(u'>', i);
            if (end > i) {
                out += QStringView(text).mid(i, end - i + 1);
                i = end;
                continue;
            }
        }
        if (c == u'&' && i + 1 < text.size()) {
            const qsizetype semi = text.indexOf(u';', i);
            if (semi > i && semi - i <= 8 && text.at(i + 1) != u' ') { // an entity like &amp;
                bool entity = true;
                for (qsizetype j = i + 1; j < semi; ++j)
                    entity = entity && (text.at(j).isLetterOrNumber() || text.at(j) == u'#');
                if (entity) {
                    out += QStringView(text).mid(i, semi - i + 1);
                    i = semi;
                    continue;
                }
            }
            out += c; // a mnemonic: keep '&' and the letter after it as is
            out += text.at(++i);
            continue;
        }
        const char16_t u = c.unicode();
        if (u >= u'a' && u <= u'z') {
            out += QChar(lower[u - u'a']);
            ++letters;
        } else if (u >= u'A' && u <= u'Z') {
            out += QChar(upper[u - u'A']);
            ++letters;
        } else {
            out += c;
        }
    }
    // Grow by ~40% of the visible letters (at least two characters).
    const qsizetype pad = qMax<qsizetype>(2, (letters * 2 + 4) / 5);
    out += u' ';
    out += QString(pad, QChar(u'\u00B7'));
    out += u']';
    return out;
}

} // namespace mrp
