// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The concrete Daytona calls: JSON request/reply, multipart bulk upload, streamed download.
// Contracts as ApiJob (apijob.h).

#include "daytona/apijob.h"
#include "data/digest.h"

#include <QList>
#include <QFile>

#include <functional>
#include <memory>

namespace mrp {

// A call with an optional JSON body whose 2xx reply is checked by `validator` (a parser from
// daytonareplies.h); a validator failure ends the job with kind Parse.
class JsonApiJob : public ApiJob
{
    Q_OBJECT
public:
    using Validator = std::function<bool(const QByteArray &body, QString *error)>;
    JsonApiJob(QNetworkAccessManager *nam, const QByteArray &verb, const QUrl &url, const QString &what,
               QObject *parent = nullptr);
    void setJsonBody(const QByteArray &json) { setRequestBody(json, QByteArrayLiteral("application/json")); }
    void setValidator(Validator v) { m_validator = std::move(v); }

protected:
    void parseReply(const QByteArray &body) override;

private:
    Validator m_validator;
};

// POST /files/bulk-upload: for file i a text part `files[i].path` then a file part
// `files[i].file` (docs/daytona-api.md §5.2). The form is rebuilt from disk on every attempt, so a retry
// never resends a consumed sequential body. Retry-safe: re-uploading overwrites the same paths.
class UploadJob : public ApiJob
{
    Q_OBJECT
public:
    struct File {
        QString localPath;
        QString remotePath;
    };
    UploadJob(QNetworkAccessManager *nam, const QUrl &url, const QList<File> &files, QObject *parent = nullptr);

protected:
    QNetworkReply *send(QNetworkAccessManager *nam, const QNetworkRequest &request) override;
    QNetworkRequest buildRequest() const override;

private:
    QList<File> m_files;
};

// GET /files/download?path=...: the body streams into <localPath>.part (through a bounded read
// buffer), renamed to localPath only when the reply completed (and its SHA-256 matched, when
// expectedSha256 is set); otherwise the destination is left untouched. With maxBytes > 0 a body
// announced (Content-Length) or growing beyond it is refused at once: the reply is aborted and
// the job ends with kind Client and tooLarge(), never retried. No fsync and no hash unless asked
// for: this runs on the GUI thread, and a shard's output is hashed and made durable by the run
// store's commit on its own thread (docs/design.md §2.4).
class DownloadJob : public ApiJob
{
    Q_OBJECT
public:
    DownloadJob(QNetworkAccessManager *nam, const QUrl &url, const QString &localPath,
                const QString &expectedSha256 = {}, qint64 maxBytes = 0, QObject *parent = nullptr);
    qint64 bytesWritten() const { return m_bytes; }
    QString sha256() const { return m_sha256; }   // when an expected digest was given
    bool digestMismatch() const { return m_mismatch; }
    bool tooLarge() const { return m_tooLarge; }

protected:
    bool streamsBody() const override { return true; }
    void beginAttempt() override;
    void headersReceived(int status, qint64 contentLength) override;
    void consumeData(const QByteArray &chunk) override;
    void parseReply(const QByteArray &body) override;
    void discardAttempt() override;

private:
    void refuseTooLarge(qint64 seen);

    QString m_localPath;
    QString m_expected;
    qint64 m_maxBytes = 0;
    std::unique_ptr<QFile> m_file;
    std::unique_ptr<Sha256> m_hash;
    qint64 m_bytes = 0;
    bool m_tooLarge = false;
    QString m_sha256;
    QString m_writeError;
    bool m_mismatch = false;
};

} // namespace mrp
