// Output renderers: one golden string per mode, plus widths, truncation, caps and escaping.
#include <catch2/catch.hpp>

#include <memory>
#include <sstream>

#include "cli/json_value.h"
#include "cli/render.h"
#include "cli/render_width.h"

using liner::cli::OutputMode;
using liner::cli::RenderOptions;
using liner::query::QValue;

namespace {
const std::vector<std::string> kColumns = {"name", "born"};
const std::vector<std::vector<QValue>> kRows = {
    {QValue("Florence Welch"), QValue(int64_t{1986})},
    {QValue("Kendrick Lamar"), QValue(int64_t{1987})},
    {QValue(nullptr), QValue(2.5)},
};

std::string Render(OutputMode mode, const std::vector<std::vector<QValue>>& rows = kRows,
                   size_t max_rows = 0, size_t max_width = 40,
                   const std::vector<std::string>& columns = kColumns) {
  RenderOptions opt;
  opt.mode = mode;
  opt.max_rows = max_rows;
  opt.max_width = max_width;
  std::ostringstream out;
  liner::cli::RenderAll(opt, columns, rows, out);
  return out.str();
}
}  // namespace

TEST_CASE("box mode draws an aligned Unicode grid with numbers on the right", "[cli]") {
  CHECK(Render(OutputMode::kBox) ==
        "┌────────────────┬──────┐\n"
        "│ name           │ born │\n"
        "├────────────────┼──────┤\n"
        "│ Florence Welch │ 1986 │\n"
        "│ Kendrick Lamar │ 1987 │\n"
        "│ null           │  2.5 │\n"
        "└────────────────┴──────┘\n");
}

TEST_CASE("table mode draws the same grid in ASCII", "[cli]") {
  CHECK(Render(OutputMode::kTable) ==
        "+----------------+------+\n"
        "| name           | born |\n"
        "+----------------+------+\n"
        "| Florence Welch | 1986 |\n"
        "| Kendrick Lamar | 1987 |\n"
        "| null           |  2.5 |\n"
        "+----------------+------+\n");
}

TEST_CASE("markdown mode writes a pipe table with right-aligned number columns", "[cli]") {
  CHECK(Render(OutputMode::kMarkdown) ==
        "| name           | born |\n"
        "| -------------- | ---: |\n"
        "| Florence Welch | 1986 |\n"
        "| Kendrick Lamar | 1987 |\n"
        "| null           |  2.5 |\n");
  CHECK(Render(OutputMode::kMarkdown, {{QValue("a|b"), QValue(int64_t{1})}}) ==
        "| name | born |\n| ---- | ---: |\n| a\\|b |    1 |\n");
}

TEST_CASE("csv mode quotes what needs quoting and leaves null empty", "[cli]") {
  CHECK(Render(OutputMode::kCsv) ==
        "name,born\nFlorence Welch,1986\nKendrick Lamar,1987\n,2.5\n");
  CHECK(Render(OutputMode::kCsv, {{QValue("a,\"b\"\nc"), QValue(int64_t{1})}}) ==
        "name,born\n\"a,\"\"b\"\"\nc\",1\n");
}

TEST_CASE("tsv mode escapes tabs, newlines and backslashes", "[cli]") {
  CHECK(Render(OutputMode::kTsv, {{QValue("a\tb\nc\\d"), QValue(int64_t{1})}}) ==
        "name\tborn\na\\tb\\nc\\\\d\t1\n");
}

TEST_CASE("json mode writes an array of objects keyed by column", "[cli]") {
  CHECK(Render(OutputMode::kJson) ==
        "[\n"
        "  {\"name\":\"Florence Welch\",\"born\":1986},\n"
        "  {\"name\":\"Kendrick Lamar\",\"born\":1987},\n"
        "  {\"name\":null,\"born\":2.5}\n"
        "]\n");
  CHECK(Render(OutputMode::kJson, {}) == "[]\n");
}

TEST_CASE("jsonl mode writes one object per line", "[cli]") {
  CHECK(Render(OutputMode::kJsonl, {{QValue("x"), QValue(true)}}) ==
        "{\"name\":\"x\",\"born\":true}\n");
}

TEST_CASE("grid modes keep maxrows rows and say how many were left out", "[cli]") {
  CHECK(Render(OutputMode::kTable, kRows, 1) ==
        "+----------------+------+\n"
        "| name           | born |\n"
        "+----------------+------+\n"
        "| Florence Welch | 1986 |\n"
        "+----------------+------+\n"
        "(2 of 3 rows left out; ':maxrows 0' shows all)\n");
}

TEST_CASE("a capped grid shows the first and the last rows with a gap row between", "[cli]") {
  std::vector<std::vector<QValue>> rows;
  for (int64_t i = 1; i <= 100000; ++i) rows.push_back({QValue("n" + std::to_string(i)), QValue(i)});
  CHECK(Render(OutputMode::kBox, rows, 5) ==
        "┌─────────┬────────┐\n"
        "│ name    │ born   │\n"
        "├─────────┼────────┤\n"
        "│ n1      │      1 │\n"
        "│ n2      │      2 │\n"
        "│ n3      │      3 │\n"
        "│ …       │      … │\n"
        "│ n99999  │  99999 │\n"
        "│ n100000 │ 100000 │\n"
        "└─────────┴────────┘\n"
        "(99995 of 100000 rows left out at the …; ':maxrows 0' shows all)\n");
  // Exactly maxrows rows: all shown, no gap, no note.
  std::vector<std::vector<QValue>> four(rows.begin(), rows.begin() + 4);
  std::string all = Render(OutputMode::kMarkdown, four, 4);
  CHECK(all.find("…") == std::string::npos);
  CHECK(all.find("left out") == std::string::npos);
  CHECK(all.find("| n4 ") != std::string::npos);
}

TEST_CASE("streaming modes write each row before the next arrives and ignore maxrows",
          "[cli]") {
  for (OutputMode mode : {OutputMode::kCsv, OutputMode::kTsv, OutputMode::kJson,
                          OutputMode::kJsonl}) {
    INFO(liner::cli::ModeName(mode));
    RenderOptions opt;
    opt.mode = mode;
    opt.max_rows = 1;
    std::ostringstream out;
    auto r = liner::cli::MakeRenderer(opt, out);
    r->Begin(kColumns);
    r->Row(kRows[0]);
    CHECK(out.str().find("Florence Welch") != std::string::npos);
    CHECK(out.str().find("Kendrick Lamar") == std::string::npos);
    r->Row(kRows[1]);
    CHECK(out.str().find("Kendrick Lamar") != std::string::npos);
    r->End();
    CHECK(r->rows() == 2);
  }
}

TEST_CASE("long cells are cut to the maximum width with an ellipsis", "[cli]") {
  CHECK(Render(OutputMode::kTable, {{QValue("Florence and the Machine"), QValue(int64_t{1})}}, 0,
               10) ==
        "+------------+------+\n"
        "| name       | born |\n"
        "+------------+------+\n"
        "| Florence … |    1 |\n"
        "+------------+------+\n");
}

TEST_CASE("display width counts East Asian wide characters twice and marks zero", "[cli]") {
  using liner::cli::DisplayWidth;
  CHECK(DisplayWidth("abc") == 3);
  CHECK(DisplayWidth("坂本龍一") == 8);
  CHECK(DisplayWidth("Beyonce\xCC\x81") == 7);  // e + combining acute accent
  CHECK(DisplayWidth("Björk") == 5);
  CHECK(DisplayWidth("\xff") == 1);  // invalid byte
  CHECK(liner::cli::TruncateToWidth("坂本龍一", 5) == "坂本…");
  CHECK(Render(OutputMode::kTable, {{QValue("坂本龍一"), QValue(int64_t{1952})}}) ==
        "+----------+------+\n"
        "| name     | born |\n"
        "+----------+------+\n"
        "| 坂本龍一 | 1952 |\n"
        "+----------+------+\n");
}

TEST_CASE("nodes, relationships and paths become JSON objects and alternating lists", "[cli]") {
  using liner::query::EntityData;
  using liner::query::QMap;
  auto person = std::make_shared<EntityData>();
  person->labels = {"Person"};
  person->properties = std::make_shared<QMap>(QMap{{"name", QValue("Florence Welch")}});
  auto song = std::make_shared<EntityData>();
  song->labels = {"Song"};
  song->properties = std::make_shared<QMap>(QMap{{"title", QValue("June")}});
  auto credit = std::make_shared<EntityData>();
  credit->type = "CREDITED";
  credit->properties = std::make_shared<QMap>(QMap{{"role", QValue("songwriting")}});
  liner::query::QNode a{7, person};
  liner::query::QNode b{9, song};
  liner::query::QRel r{3, 7, 9, 0, credit};
  CHECK(liner::cli::ToJson(QValue(a)).dump() ==
        R"({"id":7,"labels":["Person"],"properties":{"name":"Florence Welch"}})");
  CHECK(liner::cli::ToJson(QValue(r)).dump() ==
        R"({"id":3,"type":"CREDITED","start":7,"end":9,"properties":{"role":"songwriting"}})");
  liner::query::QPath p{{a, b}, {r}};
  auto j = liner::cli::ToJson(QValue(p));
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 3);
  CHECK(j[1]["type"] == "CREDITED");
  CHECK(j[2]["labels"][0] == "Song");
}

TEST_CASE("JSON parameters parse into values and bad JSON names the offset", "[cli]") {
  auto v = liner::cli::ParseJsonValue(R"({"names": ["June", 1, 2.5, null, true]})");
  REQUIRE(v.ok());
  REQUIRE(v->is_map());
  const auto& list = v->as_map().at("names").as_list();
  REQUIRE(list.size() == 5);
  CHECK(list[0].as_string() == "June");
  CHECK(list[1].as_int() == 1);
  CHECK(list[2].as_float() == 2.5);
  CHECK(list[3].is_null());
  CHECK(list[4].as_bool());
  auto bad = liner::cli::ParseJsonValue("[1, ");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("invalid JSON at byte") != std::string::npos);
}

TEST_CASE("mode names parse and unknown names list the valid ones", "[cli]") {
  CHECK(liner::cli::ParseOutputMode("jsonl").value() == OutputMode::kJsonl);
  auto bad = liner::cli::ParseOutputMode("xml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() ==
        "unknown output mode 'xml' (choose one of box, table, csv, tsv, json, jsonl, markdown)");
}

TEST_CASE("colour makes grid headers bold and nulls dim, and never touches streaming modes",
          "[cli]") {
  RenderOptions opt;
  opt.mode = OutputMode::kBox;
  opt.color = true;
  std::ostringstream box;
  liner::cli::RenderAll(opt, kColumns, kRows, box);
  CHECK(box.str().find("\x1b[1mname          \x1b[0m") != std::string::npos);
  CHECK(box.str().find("\x1b[2mnull          \x1b[0m") != std::string::npos);
  opt.mode = OutputMode::kCsv;
  std::ostringstream csv;
  liner::cli::RenderAll(opt, kColumns, kRows, csv);
  CHECK(csv.str().find('\x1b') == std::string::npos);
  CHECK(Render(OutputMode::kBox).find('\x1b') == std::string::npos);
}
