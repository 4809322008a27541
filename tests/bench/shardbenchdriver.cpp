// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// mrp-bench-shard: the sharder alone, in its own process, for tst_bench_sharding.
//   mrp-bench-shard generate FILE MB [jsonl|json|csv]   writes about MB megabytes of records
//   mrp-bench-shard shard FILE SHARD_DIR SHARD_SIZE [FORMAT]
//                                                        shards FILE, then prints one line:
//     records=N shards=S input_sha256=HEX first_shard=HEX last_shard=HEX seconds=T peak_rss_kib=K
// so the benchmark times and weighs nothing but shardDataset() and the process around it.
#include "data/dataset.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

#include <sys/resource.h>

using namespace mrp;

namespace {

// ~250-byte records: varied objects with unsorted and nested keys, escapes, non-ASCII text, a
// fraction and an array, written in 1 MiB pieces.
int generate(const QString &path, qint64 megabytes, const QString &format)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return 1;
    }
    const bool json = format == u"json";
    const bool csv = format == u"csv";
    static const char *words[] = {"alpha", "beta", "gamma", "delta", "sandbox", "shard", "reduce", "produce", "évaluation", "数据"};
    const qint64 bytes = megabytes << 20;
    QByteArray block;
    block.reserve(1 << 20);
    if (json)
        block += "[\n";
    if (csv)
        block += "id,category,text,score,tag\n";
    qint64 written = 0;
    qint64 n = 0;
    while (written < bytes) {
        while (block.size() < (1 << 20) - 512) {
            if (csv) {
                block += QByteArray::number(n) + ',' + words[n % 10] + ",\"";
                for (int w = 0; w < 12; ++w) {
                    block += words[(n * 7 + w * 3) % 10];
                    block += ' ';
                }
                block += "with a \"\"quote\"\", a comma\"," + QByteArray::number(double(n % 1000) / 7.0, 'g', 12) + ",t"
                         + QByteArray::number(n % 13) + '\n';
                ++n;
                continue;
            }
            if (json && n > 0)
                block += ",\n";
            block += "{\"id\":";
            block += QByteArray::number(n);
            block += ",\"category\":\"";
            block += words[n % 10];
            block += "\",\"text\":\"";
            for (int w = 0; w < 12; ++w) {
                block += words[(n * 7 + w * 3) % 10];
                block += ' ';
            }
            block += "with a \\\"quote\\\" and a tab\\t\",\"score\":";
            block += QByteArray::number(double(n % 1000) / 7.0, 'g', 12);
            block += ",\"tags\":[\"t";
            block += QByteArray::number(n % 13);
            block += "\",\"u\"],\"nested\":{\"z\":";
            block += QByteArray::number(n % 5);
            block += ",\"a\":true,\"m\":null}}";
            if (!json)
                block += '\n';
            ++n;
        }
        if (f.write(block) != block.size())
            return 1;
        written += block.size();
        block.clear();
    }
    if (json && f.write("\n]\n") != 3)
        return 1;
    std::printf("records=%lld bytes=%lld\n", n, f.size());
    return 0;
}

int shard(const QString &path, const QString &shardDir, int shardSize, const QString &format)
{
    ShardingOptions o;
    o.format = format;
    o.shardSize = shardSize;
    o.shardDir = shardDir;
    QElapsedTimer t;
    t.start();
    const ShardingResult r = shardDataset(path, o);
    const double seconds = t.nsecsElapsed() / 1e9;
    if (!r.ok()) {
        for (const Diagnostic &d : r.diagnostics)
            std::fprintf(stderr, "%s\n", qPrintable(d.message));
        return 1;
    }
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    std::printf("records=%lld shards=%lld input_sha256=%s first_shard=%s last_shard=%s seconds=%.3f peak_rss_kib=%ld\n",
                r.records, qlonglong(r.shards.size()), qPrintable(r.inputs.value(0).sha256),
                qPrintable(r.shards.isEmpty() ? QString() : r.shards.first().digest),
                qPrintable(r.shards.isEmpty() ? QString() : r.shards.last().digest), seconds, u.ru_maxrss);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    if (a.size() >= 4 && a.at(1) == u"generate")
        return generate(a.at(2), a.at(3).toLongLong(), a.value(4, QStringLiteral("jsonl")));
    if (a.size() >= 5 && a.at(1) == u"shard")
        return shard(a.at(2), a.at(3), a.at(4).toInt(), a.value(5, QStringLiteral("auto")));
    std::fprintf(stderr, "usage: mrp-bench-shard generate FILE MB [jsonl|json|csv]\n"
                         "       mrp-bench-shard shard FILE SHARD_DIR SHARD_SIZE [FORMAT]\n");
    return 2;
}
