// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration/MeasurementCsv.h"

#include "core/TestSupport.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace zipcnn;
using zipcnn::testsupport::dump;

namespace {

const std::string kHeader = "mcu,config,freq_mhz,metric,measured,estimated\n";

/// A point's four metrics, as rows of the long format.
std::string point(const std::string& mcu, const std::string& config, const std::string& f,
                  double lat, double cur, double pow, double en) {
    auto row = [&](const char* metric, double v) {
        return mcu + "," + config + "," + f + "," + metric + "," + std::to_string(v) + "," +
               std::to_string(v * 1.1) + "\n";
    };
    return row("latency_ms", lat) + row("current_ma", cur) + row("power_w", pow) +
           row("energy_j", en);
}

/// Parsing `text` gives exactly one error at `line` whose message contains `fragment`.
void expectOneError(const std::string& text, int line, const std::string& fragment) {
    MeasurementTable t;
    ASSERT_NO_THROW(t = parseMeasurementCsv(text, "bad.csv"));
    ASSERT_EQ(t.diagnostics.size(), 1u) << dump(t.diagnostics);
    const Diagnostic& d = t.diagnostics.front();
    EXPECT_EQ(d.severity, Severity::Error);
    EXPECT_EQ(d.file, "bad.csv");
    EXPECT_EQ(d.line, line) << d.toString();
    EXPECT_NE(d.message.find(fragment), std::string::npos)
        << "wanted: " << fragment << "\ngot: " << d.toString();
    EXPECT_NE(d.toString().find("bad.csv:" + std::to_string(line) + ": "), std::string::npos)
        << d.toString();
}

} // namespace

TEST(MeasurementCsv, RowsAreGroupedIntoPointsWithTheirReferenceEstimates) {
    const std::string text = kHeader +
                             point("STM32L496ZG", "fp32", "16", 150.5, 3.2, 0.0105, 0.00158) +
                             point("STM32L496ZG", "fp32", "24", 100.25, 4.5, 0.0149, 0.0015) +
                             point("STM32F446ZE", "int8", "16", 80.0, 5.0, 0.0165, 0.0013);
    MeasurementTable t = parseMeasurementCsv(text, "good.csv");
    EXPECT_TRUE(t.diagnostics.empty()) << dump(t.diagnostics);
    EXPECT_EQ(t.file, "good.csv");
    ASSERT_EQ(t.points.size(), 3u);
    const MeasuredPoint& p = t.points[0];
    EXPECT_EQ(p.mcu, "STM32L496ZG");
    EXPECT_EQ(p.config, "fp32");
    EXPECT_DOUBLE_EQ(p.freqMhz, 16.0);
    EXPECT_EQ(p.line, 2);
    EXPECT_DOUBLE_EQ(*p.get(Metric::Latency), 150.5);
    EXPECT_DOUBLE_EQ(*p.get(Metric::Current), 3.2);
    EXPECT_DOUBLE_EQ(*p.get(Metric::Power), 0.0105);
    EXPECT_DOUBLE_EQ(*p.get(Metric::Energy), 0.00158);
    EXPECT_NEAR(*p.ref(Metric::Latency), 150.5 * 1.1, 1e-6);
    EXPECT_NEAR(*p.ref(Metric::Current), 3.2 * 1.1, 1e-6);
    EXPECT_EQ(t.points[1].line, 6);
    EXPECT_DOUBLE_EQ(t.points[1].freqMhz, 24.0);
    EXPECT_EQ(t.points[2].mcu, "STM32F446ZE");
    EXPECT_EQ(t.points[2].config, "int8");
    for (const auto& q : t.points)
        for (Metric m : {Metric::Latency, Metric::Current, Metric::Power, Metric::Energy})
            EXPECT_TRUE(q.get(m).has_value()) << metricColumnName(m);
}

TEST(MeasurementCsv, InterleavedRowsOfOnePointAreMergedAndExtraColumnsIgnored) {
    const std::string text = "mcu, config ,freq_mhz,metric,measured,estimated,diff_pct_printed\n"
                             "M,a,16,latency_ms,10,,\n"
                             "M,b,16,latency_ms,20,21,5\n"
                             "M,a,16.0,current_ma,3,2.9,-3\n";
    MeasurementTable t = parseMeasurementCsv(text, "x.csv");
    EXPECT_TRUE(t.diagnostics.empty()) << dump(t.diagnostics);
    ASSERT_EQ(t.points.size(), 2u);
    EXPECT_EQ(t.points[0].config, "a");
    EXPECT_DOUBLE_EQ(*t.points[0].get(Metric::Latency), 10.0);
    EXPECT_FALSE(t.points[0].ref(Metric::Latency)); // empty 'estimated'
    EXPECT_DOUBLE_EQ(*t.points[0].get(Metric::Current), 3.0);
    EXPECT_DOUBLE_EQ(*t.points[0].ref(Metric::Current), 2.9);
    EXPECT_FALSE(t.points[0].get(Metric::Power));
    EXPECT_DOUBLE_EQ(*t.points[1].ref(Metric::Latency), 21.0);
}

TEST(MeasurementCsv, CommentsAndBlankLinesAreSkipped) {
    const std::string text = "# source: thesis Annex B.2\n"
                             "\n"
                             "  # an indented note\n" +
                             kHeader + "   \n" + "# between rows\n" +
                             "M,fp32,16,latency_ms,12.5,13\n" + "\r\n" +
                             "M,fp32,16,current_ma,2.5,2.4\r\n";
    MeasurementTable t = parseMeasurementCsv(text, "c.csv");
    EXPECT_TRUE(t.diagnostics.empty()) << dump(t.diagnostics);
    ASSERT_EQ(t.points.size(), 1u);
    EXPECT_EQ(t.points[0].line, 7); // lines count comments and blanks
    EXPECT_DOUBLE_EQ(*t.points[0].get(Metric::Latency), 12.5);
    EXPECT_DOUBLE_EQ(*t.points[0].get(Metric::Current), 2.5);
}

TEST(MeasurementCsv, WrongFieldCountIsRejected) {
    expectOneError(kHeader + "M,fp32,16,latency_ms,12.5\n", 2, "has 5 fields, the header has 6");
    expectOneError(kHeader + "M,fp32,16,latency_ms,12.5,1,extra\n", 2,
                   "has 7 fields, the header has 6");
}

TEST(MeasurementCsv, BadMeasuredValueIsRejectedNamingTheField) {
    expectOneError(kHeader + "M,fp32,16,latency_ms,fast,1\n", 2,
                   "field 'measured': expected a positive number, got 'fast'");
    expectOneError(kHeader + "M,fp32,16,latency_ms,-3,1\n", 2,
                   "field 'measured': expected a positive number, got '-3'");
    expectOneError(kHeader + "M,fp32,16,latency_ms,0,1\n", 2,
                   "field 'measured': expected a positive number, got '0'");
    expectOneError(kHeader + "M,fp32,16,latency_ms,,1\n", 2,
                   "field 'measured': expected a positive number, got ''");
    expectOneError(kHeader + "M,fp32,16,latency_ms,12abc,1\n", 2, "field 'measured'");
    expectOneError(kHeader + "M,fp32,16,latency_ms,inf,1\n", 2, "field 'measured'");
}

TEST(MeasurementCsv, BadFrequencyIsRejectedNamingTheField) {
    expectOneError(kHeader + "M,fp32,sixteen,latency_ms,12,1\n", 2,
                   "field 'freq_mhz': expected a positive number, got 'sixteen'");
    expectOneError(kHeader + "M,fp32,0,latency_ms,12,1\n", 2, "field 'freq_mhz'");
    expectOneError(kHeader + "M,fp32,-16,latency_ms,12,1\n", 2, "field 'freq_mhz'");
}

TEST(MeasurementCsv, UnknownMetricIsRejectedNamingTheField) {
    expectOneError(kHeader + "M,fp32,16,latency_ms,12,1\nM,fp32,16,latency_us,12,1\n", 3,
                   "field 'metric': unknown metric 'latency_us'");
}

TEST(MeasurementCsv, AMetricGivenTwiceForOnePointIsRejected) {
    const std::string text = kHeader + "M,fp32,16,latency_ms,12,1\n" +
                             "M,fp32,24,latency_ms,8,1\n" + "M,fp32,16,latency_ms,13,1\n";
    expectOneError(text, 4, "field 'metric': latency_ms of M fp32 at 16 MHz is given twice");
    // The first value is kept.
    MeasurementTable t = parseMeasurementCsv(text, "bad.csv");
    ASSERT_EQ(t.points.size(), 2u);
    EXPECT_DOUBLE_EQ(*t.points[0].get(Metric::Latency), 12.0);
}

TEST(MeasurementCsv, BadEstimateAndEmptyNamesAreRejected) {
    expectOneError(kHeader + "M,fp32,16,latency_ms,12,-1\n", 2,
                   "field 'estimated': expected a number >= 0, got '-1'");
    expectOneError(kHeader + ",fp32,16,latency_ms,12,1\n", 2, "field 'mcu' is empty");
    expectOneError(kHeader + "M,,16,latency_ms,12,1\n", 2, "field 'config' is empty");
}

TEST(MeasurementCsv, HeaderWithoutARequiredColumnIsRejected) {
    expectOneError("mcu,config,freq_mhz,metric,value\nM,fp32,16,latency_ms,12\n", 1,
                   "the header has no 'measured' column");
    expectOneError("# note\nmcu,config,frequency,metric,measured\n", 2,
                   "the header has no 'freq_mhz' column");
    MeasurementTable t = parseMeasurementCsv("mcu,config\nM,fp32\n", "bad.csv");
    EXPECT_TRUE(t.points.empty());
}

TEST(MeasurementCsv, EmptyFileIsRejected) {
    expectOneError("", 1, "empty file");
    expectOneError("# only a comment\n\n", 1, "empty file");
}

TEST(MeasurementCsv, EveryBadRowIsReportedAndGoodRowsAreKept) {
    const std::string text = kHeader + "M,fp32,16,latency_ms,12,1\n" +
                             "M,fp32,x,latency_ms,12,1\n" + "M,fp32,16,current_ma,-1,1\n" +
                             "M,fp32,16,current_ma,2,1\n" + "M,fp32\n";
    MeasurementTable t;
    ASSERT_NO_THROW(t = parseMeasurementCsv(text, "bad.csv"));
    ASSERT_EQ(t.diagnostics.size(), 3u) << dump(t.diagnostics);
    EXPECT_EQ(t.diagnostics[0].line, 3);
    EXPECT_EQ(t.diagnostics[1].line, 4);
    EXPECT_EQ(t.diagnostics[2].line, 6);
    ASSERT_EQ(t.points.size(), 1u);
    EXPECT_DOUBLE_EQ(*t.points[0].get(Metric::Current), 2.0);
}

TEST(MeasurementCsv, MissingFileIsReportedNamingIt) {
    const std::string path =
        (std::filesystem::temp_directory_path() / "zipcnn_no_such_measurements.csv").string();
    std::filesystem::remove(path);
    MeasurementTable t;
    ASSERT_NO_THROW(t = readMeasurementCsv(path));
    EXPECT_TRUE(t.points.empty());
    EXPECT_EQ(t.file, path);
    ASSERT_FALSE(t.diagnostics.empty());
    EXPECT_TRUE(hasErrors(t.diagnostics));
    EXPECT_EQ(t.diagnostics.front().file, path);
    EXPECT_NE(t.diagnostics.front().toString().find(path), std::string::npos);
}

TEST(MeasurementCsv, ShippedFilesParseCleanly) {
    for (const char* name : {"lenet5_measurements.csv", "resnet8_measurements.csv"}) {
        MeasurementTable t =
            readMeasurementCsv(std::string(ZIPCNN_SOURCE_MEASUREMENT_DIR) + "/" + name);
        EXPECT_TRUE(t.diagnostics.empty()) << name << "\n" << dump(t.diagnostics);
        EXPECT_FALSE(t.points.empty()) << name;
        for (const auto& p : t.points) {
            EXPECT_TRUE(p.get(Metric::Latency)) << name << ":" << p.line;
            EXPECT_TRUE(p.get(Metric::Current)) << name << ":" << p.line;
        }
    }
}
