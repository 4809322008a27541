// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "i18n/translations.h"

#include "i18n/pseudotranslator.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

Q_LOGGING_CATEGORY(lcTranslations, "mrp.model.translations", QtInfoMsg)

namespace mrp {

QString translationsResourcePath()
{
    return QStringLiteral(":/i18n");
}

int installTranslators(QCoreApplication *app, const QLocale &locale)
{
    Q_ASSERT(app);
    if (qEnvironmentVariableIntValue("MRP_PSEUDO_LOCALE") == 1) {
        auto *pseudo = new PseudoTranslator(app);
        QCoreApplication::installTranslator(pseudo);
        qCInfo(lcTranslations) << "pseudo-localisation on";
        return 1;
    }

    int installed = 0;
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        ++installed;
    } else {
        delete qt;
        qCDebug(lcTranslations) << "no Qt catalogue for" << locale.uiLanguages();
    }

    auto *ours = new QTranslator(app);
    if (ours->load(locale, QStringLiteral("mrp"), QStringLiteral("_"), translationsResourcePath())) {
        QCoreApplication::installTranslator(ours);
        ++installed;
        qCDebug(lcTranslations) << "loaded" << ours->filePath();
    } else {
        delete ours;
        qCDebug(lcTranslations) << "no catalogue of ours for" << locale.uiLanguages();
    }
    return installed;
}

} // namespace mrp
