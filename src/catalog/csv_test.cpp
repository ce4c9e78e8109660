// The RFC 4180 reader and writer: quotes, doubled quotes, line breaks of every kind inside and
// between records, the byte order mark, and the formula guard owners need when Excel opens a file.
#include "catalog/csv.hpp"

#include <gtest/gtest.h>

namespace webdpro::catalog::csv {
namespace {

std::vector<std::vector<std::string>> Cells(std::string_view text) {
    auto records = Parse(text, 100);
    EXPECT_TRUE(records.has_value()) << (records ? "" : records.error().message);
    std::vector<std::vector<std::string>> out;
    if (records) {
        for (const auto& r : *records) {
            out.push_back(r.cells);
        }
    }
    return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(Csv, ReadsPlainRecordsWithLfCrLfAndNoFinalBreak) {
    EXPECT_EQ(Cells("a,b\n1,2\n"), (Rows{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(Cells("a,b\r\n1,2\r\n"), (Rows{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(Cells("a,b\r1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(Cells("a,,\n"), (Rows{{"a", "", ""}}));
}

TEST(Csv, ReadsQuotedCellsWithCommasQuotesAndLineBreaks) {
    EXPECT_EQ(Cells("\"Atta, 5 kg\",\"He said \"\"fresh\"\"\"\n"), (Rows{{"Atta, 5 kg", "He said \"fresh\""}}));
    EXPECT_EQ(Cells("\"line one\r\nline two\",x\n"), (Rows{{"line one\r\nline two", "x"}}));
    EXPECT_EQ(Cells("\"\",\"\"\n"), (Rows{{"", ""}}));
}

TEST(Csv, CountsLinesOfTheFileNotRecords) {
    auto records = Parse("h\n\"a\nb\"\nc\n", 10);
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 3u);
    EXPECT_EQ((*records)[0].line, 1u);
    EXPECT_EQ((*records)[1].line, 2u);
    EXPECT_EQ((*records)[2].line, 4u);
}

TEST(Csv, SkipsTheByteOrderMark) {
    EXPECT_EQ(Cells("\xEF\xBB\xBFname\n"), (Rows{{"name"}}));
}

TEST(Csv, KeepsAStrayQuoteInsideAnUnquotedCell) {
    EXPECT_EQ(Cells("5\" pipe,x\n"), (Rows{{"5\" pipe", "x"}}));
}

TEST(Csv, RefusesAnUnclosedQuoteNamingTheLineItOpenedOn) {
    auto records = Parse("a\nb\n\"never closed\nmore\n", 10);
    ASSERT_FALSE(records);
    EXPECT_EQ(records.error().line, 3u);
    EXPECT_FALSE(records.error().too_many_records);
}

TEST(Csv, RefusesTextAfterAClosingQuote) {
    auto records = Parse("\"a\"b,c\n", 10);
    ASSERT_FALSE(records);
    EXPECT_EQ(records.error().line, 1u);
}

TEST(Csv, StopsAtTheRecordLimit) {
    EXPECT_TRUE(Parse("1\n2\n3\n", 3));
    auto records = Parse("1\n2\n3\n4\n", 3);
    ASSERT_FALSE(records);
    EXPECT_TRUE(records.error().too_many_records);
}

TEST(Csv, WritesQuotesOnlyWhereNeededWithCrLf) {
    std::string out;
    const std::vector<std::string> cells = {"plain", "a,b", "say \"hi\"", "two\nlines", "", " padded"};
    AppendRecord(out, cells);
    EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\" padded\"\r\n");
}

TEST(Csv, WhatIsWrittenReadsBackTheSame) {
    const std::vector<std::string> cells = {"दाल \"तड़का\"", "x,y", "\r\n", "'quoted'", ""};
    std::string out;
    AppendRecord(out, cells);
    AppendRecord(out, cells);
    EXPECT_EQ(Cells(out), (Rows{cells, cells}));
}

TEST(Csv, GuardsFormulasAndUndoesOnlyItsOwnGuard) {
    EXPECT_EQ(GuardFormula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    EXPECT_EQ(GuardFormula("+91"), "'+91");
    EXPECT_EQ(GuardFormula("-5"), "'-5");
    EXPECT_EQ(GuardFormula("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(GuardFormula("Atta"), "Atta");
    EXPECT_EQ(GuardFormula(""), "");
    for (std::string text : {"=1+1", "-fresh", "Atta", "'tis", "'", ""}) {
        EXPECT_EQ(UnguardFormula(GuardFormula(text)), text);
    }
    EXPECT_EQ(UnguardFormula("'tis"), "'tis");
}

TEST(Csv, GuardsEveryFormulaLeadingCharacterIncludingPipesTabsAndFullwidthForms) {
    // | starts a DDE call; a TAB or CR may be dropped by the spreadsheet; the fullwidth sign forms
    // are read as their ASCII twins.
    for (std::string text : {"|cmd", "\tx", "\rx",
                             "\xEF\xBC\x9D"
                             "1+1",
                             "\xEF\xBC\x8B"
                             "91",
                             "\xEF\xBC\x8D"
                             "5",
                             "\xEF\xBC\xA0"
                             "SUM(A1)",
                             "\xEF\xBD\x9C"
                             "cmd"}) {
        EXPECT_EQ(GuardFormula(text), "'" + text) << text;
        EXPECT_EQ(UnguardFormula(GuardFormula(text)), text) << text;
    }
    // Other fullwidth letters and plain text are left alone.
    EXPECT_EQ(GuardFormula("\xEF\xBC\xA1"
                           "tta"),
              "\xEF\xBC\xA1"
              "tta");
    EXPECT_EQ(GuardFormula("Atta | Dal"), "Atta | Dal");
}

TEST(Csv, AnExportedCellImportsUnchangedWhateverApostrophesItStartsWith) {
    // A text that already starts with the guard's apostrophe before a formula character is
    // guarded once more, so the import's one removal gives it back as it was.
    for (std::string text : {"'=1+1", "''=1+1", "'+91", "'|cmd",
                             "'\xEF\xBC\x9D"
                             "1",
                             "'tis", "'", "''", "''tis", "=1+1", "Atta", "", "'-", "-'", "'\t"}) {
        EXPECT_EQ(UnguardFormula(GuardFormula(text)), text) << text;
    }
    EXPECT_EQ(GuardFormula("'=1+1"), "''=1+1");
    EXPECT_EQ(GuardFormula("'tis"), "'tis");
    // An import removes exactly one apostrophe, and only before a formula character.
    EXPECT_EQ(UnguardFormula("''=1+1"), "'=1+1");
    EXPECT_EQ(UnguardFormula("'=1+1"), "=1+1");
    EXPECT_EQ(UnguardFormula("''tis"), "''tis");
}

}  // namespace
}  // namespace webdpro::catalog::csv
