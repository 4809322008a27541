// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "store/attemptcodec.h"

#include <QTimeZone>
#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <limits>

namespace mrp {

namespace {

// One packed attempt, little-endian: i32 size of the rest; u8 format (2); i64 start, end (epoch
// ms, INT64_MIN = none); i64 queue, create, upload, exec, download (ms, -1 = none); i32 number,
// exit code; u8 backup; i64 stdout bytes, stderr bytes; f64 cost; then seven strings (i32
// length + UTF-8): error class name, message, stdout digest, stderr digest, sandbox id, stdout
// tail, stderr tail; then (format 2) i64 reset ms. Format 1 is format 2 without the reset time.
// The same attempt number appended again replaces the earlier entry.
constexpr quint8 kDetailFormat = 2;
constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

class Packer
{
public:
    void u8(quint8 v) { m_b.append(char(v)); }
    void i32(qint32 v) { raw(qToLittleEndian(v)); }
    void i64(qint64 v) { raw(qToLittleEndian(v)); }
    void f64(double v)
    {
        quint64 bits;
        std::memcpy(&bits, &v, sizeof bits);
        raw(qToLittleEndian(bits));
    }
    void str(const QString &s)
    {
        const QByteArray u = s.toUtf8();
        i32(qint32(u.size()));
        m_b.append(u);
    }
    QByteArray take() { return std::move(m_b); }

private:
    template<typename T>
    void raw(T v) { m_b.append(reinterpret_cast<const char *>(&v), sizeof v); }
    QByteArray m_b;
};

class Unpacker
{
public:
    explicit Unpacker(const QByteArray &b) : m_p(b.constData()), m_end(b.constData() + b.size()) {}
    bool ok() const { return m_ok; }
    quint8 u8() { quint8 v = 0; raw(&v); return v; }
    qint32 i32() { qint32 v = 0; raw(&v); return qFromLittleEndian(v); }
    qint64 i64() { qint64 v = 0; raw(&v); return qFromLittleEndian(v); }
    double f64()
    {
        quint64 bits = 0;
        raw(&bits);
        bits = qFromLittleEndian(bits);
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
    QString str()
    {
        const qint32 n = i32();
        if (!m_ok || n < 0 || n > m_end - m_p) {
            m_ok = false;
            return QString();
        }
        const QString s = n ? QString::fromUtf8(m_p, n) : QString();
        m_p += n;
        return s;
    }
    QLatin1StringView latin1()
    {
        const qint32 n = i32();
        if (!m_ok || n < 0 || n > m_end - m_p) {
            m_ok = false;
            return {};
        }
        const QLatin1StringView s(m_p, n);
        m_p += n;
        return s;
    }

private:
    template<typename T>
    void raw(T *v)
    {
        if (m_end - m_p < qsizetype(sizeof(T))) {
            m_ok = false;
            return;
        }
        std::memcpy(v, m_p, sizeof(T));
        m_p += sizeof(T);
    }
    const char *m_p;
    const char *m_end;
    bool m_ok = true;
};

} // namespace

QByteArray packAttempt(const AttemptRecord &at)
{
    Packer p;
    p.u8(kDetailFormat);
    p.i64(at.start.isValid() ? at.start.toMSecsSinceEpoch() : kNoTime);
    p.i64(at.end.isValid() ? at.end.toMSecsSinceEpoch() : kNoTime);
    p.i64(at.phases.queueMs);
    p.i64(at.phases.createMs);
    p.i64(at.phases.uploadMs);
    p.i64(at.phases.execMs);
    p.i64(at.phases.downloadMs);
    p.i32(at.number);
    p.i32(at.exitCode);
    p.u8(at.backup ? 1 : 0);
    p.i64(at.stdoutBytes);
    p.i64(at.stderrBytes);
    p.f64(at.costUsd);
    p.str(errorClassName(at.errorClass));
    p.str(at.message);
    p.str(at.stdoutDigest);
    p.str(at.stderrDigest);
    p.str(at.sandboxId);
    p.str(at.stdoutTail);
    p.str(at.stderrTail);
    p.i64(at.phases.resetMs);
    const QByteArray body = p.take();
    Packer framed;
    framed.i32(qint32(body.size()));
    QByteArray out = framed.take();
    out.append(body);
    return out;
}

// Reads one attempt (without the size prefix); false when it is not of a known format.
static bool unpackAttempt(Unpacker &u, AttemptRecord *at)
{
    const quint8 format = u.u8();
    if (format != 1 && format != kDetailFormat)
        return false;
    const auto time = [](qint64 ms) { return ms == kNoTime ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC); };
    at->start = time(u.i64());
    at->end = time(u.i64());
    at->phases.queueMs = u.i64();
    at->phases.createMs = u.i64();
    at->phases.uploadMs = u.i64();
    at->phases.execMs = u.i64();
    at->phases.downloadMs = u.i64();
    at->number = u.i32();
    at->exitCode = u.i32();
    at->backup = u.u8() != 0;
    at->stdoutBytes = u.i64();
    at->stderrBytes = u.i64();
    at->costUsd = u.f64();
    const QLatin1StringView cls = u.latin1();
    if (!errorClassFromName(QString(cls), &at->errorClass))
        at->errorClass = ErrorClass::Infrastructure;   // as AttemptRecord::fromJson does
    at->message = u.str();
    at->stdoutDigest = u.str();
    at->stderrDigest = u.str();
    at->sandboxId = u.str();
    at->stdoutTail = u.str();
    at->stderrTail = u.str();
    at->phases.resetMs = format >= 2 ? u.i64() : -1;
    return u.ok();
}

// The attempts of a shard from its attempts_blob, in attempt order; false when damaged or of
// an unknown format.
bool unpackAttempts(const QByteArray &blob, QList<AttemptRecord> *out)
{
    out->clear();
    const char *p = blob.constData();
    const char *end = p + blob.size();
    bool sorted = true;
    while (p < end) {
        qint32 size = 0;
        if (end - p < qsizetype(sizeof size))
            return false;
        std::memcpy(&size, p, sizeof size);
        size = qFromLittleEndian(size);
        p += sizeof size;
        if (size < 0 || size > end - p)
            return false;
        Unpacker u(QByteArray::fromRawData(p, size));
        p += size;
        AttemptRecord at;
        if (!unpackAttempt(u, &at))
            return false;
        // Recorded again (in flight, then finished): the later entry replaces the earlier one.
        auto same = std::find_if(out->begin(), out->end(), [&](const AttemptRecord &a) { return a.number == at.number; });
        if (same != out->end()) {
            *same = std::move(at);
            continue;
        }
        if (!out->isEmpty() && out->constLast().number > at.number)
            sorted = false;
        out->append(std::move(at));
    }
    if (!sorted)
        std::stable_sort(out->begin(), out->end(), [](const AttemptRecord &a, const AttemptRecord &b) { return a.number < b.number; });
    return true;
}

} // namespace mrp
