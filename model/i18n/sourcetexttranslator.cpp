// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "i18n/sourcetexttranslator.h"

#include <QFile>
#include <QLoggingCategory>
#include <QXmlStreamReader>

Q_LOGGING_CATEGORY(lcSourceTextTranslator, "mrp.model.sourcetexttranslator", QtInfoMsg)

namespace mrp {

SourceTextTranslator::SourceTextTranslator(QObject *parent)
    : QTranslator(parent)
{
}

bool SourceTextTranslator::loadTs(const QString &tsFile)
{
    QFile file(tsFile);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QXmlStreamReader xml(&file);
    QString source;
    QStringList forms;
    bool finished = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == u"TS") {
                m_language = xml.attributes().value(u"language").toString();
            } else if (name == u"message") {
                source.clear();
                forms.clear();
                finished = false;
            } else if (name == u"source") {
                source = xml.readElementText();
            } else if (name == u"translation") {
                const auto type = xml.attributes().value(u"type");
                finished = type.isEmpty(); // not unfinished, vanished or obsolete
                bool plural = false;
                QString text;
                while (!xml.atEnd()) { // text, or <numerusform> children
                    xml.readNext();
                    if (xml.isCharacters()) {
                        text += xml.text();
                    } else if (xml.isStartElement() && xml.name() == u"numerusform") {
                        plural = true;
                        forms << xml.readElementText();
                    } else if (xml.isEndElement() && xml.name() == u"translation") {
                        break;
                    }
                }
                if (!plural)
                    forms = QStringList{text};
            }
        } else if (xml.isEndElement() && xml.name() == u"message") {
            if (finished && !source.isEmpty() && !forms.isEmpty() && !forms.constFirst().isEmpty()
                && !m_messages.contains(source))
                m_messages.insert(source, forms);
        }
    }
    if (xml.hasError()) {
        qCWarning(lcSourceTextTranslator) << tsFile << "is not a valid .ts file:" << xml.errorString();
        m_messages.clear();
        return false;
    }
    return !m_messages.isEmpty();
}

QString SourceTextTranslator::translate(const char *context, const char *sourceText, const char *disambiguation,
                                        int n) const
{
    Q_UNUSED(context)
    Q_UNUSED(disambiguation)
    if (!sourceText || !*sourceText)
        return {};
    const auto it = m_messages.constFind(QString::fromUtf8(sourceText));
    if (it == m_messages.cend())
        return {};
    const QStringList &forms = *it;
    const qsizetype index = (n >= 0 && n != 1 && forms.size() > 1) ? 1 : 0;
    return forms.at(index);
}

bool SourceTextTranslator::isEmpty() const
{
    return m_messages.isEmpty();
}

} // namespace mrp
