// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "daytona/daytonajobs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace mrp {

JsonApiJob::JsonApiJob(QNetworkAccessManager *nam, const QByteArray &verb, const QUrl &url,
                       const QString &what, QObject *parent)
    : ApiJob(nam, verb, url, what, parent)
{
}

void JsonApiJob::parseReply(const QByteArray &body)
{
    QString why;
    if (m_validator && !m_validator(body, &why))
        setParseError(why.isEmpty() ? u"unexpected reply"_s : why);
}

UploadJob::UploadJob(QNetworkAccessManager *nam, const QUrl &url, const QList<File> &files, QObject *parent)
    : ApiJob(nam, QByteArrayLiteral("POST"), url,
             UploadJob::tr("upload %n file(s) to the sandbox", nullptr, int(files.size())),
             parent)
    , m_files(files)
{
    setRetrySafe(true);
}

QNetworkRequest UploadJob::buildRequest() const
{
    return QNetworkRequest(url());   // QHttpMultiPart sets Content-Type with the boundary
}

QNetworkReply *UploadJob::send(QNetworkAccessManager *nam, const QNetworkRequest &request)
{
    auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    for (qsizetype i = 0; i < m_files.size(); ++i) {
        const File &f = m_files.at(i);
        QHttpPart pathPart;
        pathPart.setHeader(QNetworkRequest::ContentDispositionHeader,
                           QByteArray("form-data; name=\"files[" + QByteArray::number(i) + "].path\""));
        pathPart.setBody(f.remotePath.toUtf8());
        multi->append(pathPart);

        auto *file = new QFile(f.localPath, multi);
        if (!file->open(QIODevice::ReadOnly)) {
            delete multi;
            setParseError(u"cannot read %1: %2"_s.arg(f.localPath, file->errorString()));
            return nullptr;
        }
        QHttpPart filePart;
        QByteArray fileName = f.remotePath.toUtf8();
        fileName.replace('"', "%22");
        filePart.setHeader(QNetworkRequest::ContentDispositionHeader,
                           QByteArray("form-data; name=\"files[" + QByteArray::number(i) + "].file\"; filename=\"" + fileName + '"'));
        filePart.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        filePart.setBodyDevice(file);
        multi->append(filePart);
    }
    QNetworkReply *reply = nam->sendCustomRequest(request, verb(), multi);
    multi->setParent(reply);
    return reply;
}

DownloadJob::DownloadJob(QNetworkAccessManager *nam, const QUrl &url, const QString &localPath,
                         const QString &expectedSha256, qint64 maxBytes, QObject *parent)
    : ApiJob(nam, QByteArrayLiteral("GET"), url,
             DownloadJob::tr("download %1 from the sandbox").arg(QFileInfo(localPath).fileName()),
             parent)
    , m_localPath(localPath)
    , m_expected(expectedSha256.toLower())
    , m_maxBytes(maxBytes)
{
    setRetrySafe(true);
}

void DownloadJob::beginAttempt()
{
    m_hash.reset();
    if (!m_expected.isEmpty())
        m_hash = std::make_unique<Sha256>();
    m_bytes = 0;
    m_writeError.clear();
    QDir().mkpath(QFileInfo(m_localPath).absolutePath());
    m_file = std::make_unique<QFile>(m_localPath + u".part"_s);
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate))
        m_writeError = m_file->errorString();
}

void DownloadJob::headersReceived(int status, qint64 contentLength)
{
    if (m_maxBytes > 0 && status >= 200 && status < 300 && contentLength > m_maxBytes)
        refuseTooLarge(contentLength);
}

void DownloadJob::refuseTooLarge(qint64 seen)
{
    m_tooLarge = true;
    ApiError e = daytona::makeError(
        ApiError::Kind::Client,
        DownloadJob::tr("Could not %1: the file is larger than %2 MiB, the most that may be downloaded; the transfer was stopped.")
            .arg(what())
            .arg(m_maxBytes >> 20),
        u"GET %1: %2 bytes or more, cap %3 bytes"_s.arg(url().toDisplayString(QUrl::RemoveQuery)).arg(seen).arg(m_maxBytes));
    stopWith(e);
}

void DownloadJob::consumeData(const QByteArray &chunk)
{
    if (!m_writeError.isEmpty() || !m_file || m_tooLarge)
        return;
    if (m_maxBytes > 0 && m_bytes + chunk.size() > m_maxBytes) {
        refuseTooLarge(m_bytes + chunk.size());
        return;
    }
    if (m_file->write(chunk) != chunk.size()) {
        m_writeError = m_file->errorString();
        return;
    }
    if (m_hash)
        m_hash->addData(chunk);
    m_bytes += chunk.size();
}

void DownloadJob::parseReply(const QByteArray &body)
{
    Q_UNUSED(body);
    if (!m_file) {
        setParseError(u"no destination file"_s);
        return;
    }
    const auto discard = [this] {
        m_file->close();
        m_file->remove();
        m_file.reset();
    };
    if (!m_writeError.isEmpty()) {
        discard();
        setParseError(u"cannot write %1: %2"_s.arg(m_localPath, m_writeError));
        return;
    }
    if (!m_expected.isEmpty()) {
        m_sha256 = m_hash->hexResult();
        if (m_sha256 != m_expected) {
            discard();
            m_mismatch = true;
            setParseError(u"SHA-256 of %1 is %2, expected %3"_s.arg(m_localPath, m_sha256, m_expected));
            return;
        }
    }
    m_file->close();
    QFile::remove(m_localPath);
    if (m_file->error() != QFileDevice::NoError || !m_file->rename(m_localPath))
        setParseError(u"cannot save %1: %2"_s.arg(m_localPath, m_file->errorString()));
    m_file.reset();
}

void DownloadJob::discardAttempt()
{
    if (m_file) {
        m_file->close();
        m_file->remove();
        m_file.reset();
    }
}

} // namespace mrp
