// Statement splitting: where the shell decides that a statement is complete.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli/statement_split.h"

using liner::cli::ShellInput;
using liner::cli::StatementSplitter;

namespace {
std::vector<std::string> Split(const std::string& text, bool finish = false) {
  StatementSplitter s;
  s.AddText(text);
  if (finish) s.Finish();
  std::vector<std::string> out;
  ShellInput in;
  while (s.Next(&in)) {
    out.push_back((in.kind == ShellInput::Kind::kCommand ? "CMD " : "") + in.text);
  }
  return out;
}
}  // namespace

TEST_CASE("statements end at semicolons, several per line or one over many lines", "[cli]") {
  CHECK(Split("RETURN 1; RETURN 2;") == std::vector<std::string>{"RETURN 1", "RETURN 2"});
  CHECK(Split("MATCH (n)\nRETURN n\n;") == std::vector<std::string>{"MATCH (n)\nRETURN n"});
  CHECK(Split("RETURN 1").empty());
  CHECK(Split("RETURN 1", true) == std::vector<std::string>{"RETURN 1"});
}

TEST_CASE("semicolons inside strings, backticks and comments do not end a statement", "[cli]") {
  CHECK(Split("RETURN 'a;b';") == std::vector<std::string>{"RETURN 'a;b'"});
  CHECK(Split("RETURN \"a;b\";") == std::vector<std::string>{"RETURN \"a;b\""});
  CHECK(Split("RETURN 'it\\'s;';") == std::vector<std::string>{"RETURN 'it\\'s;'"});
  CHECK(Split("RETURN 1 AS `x;y`;") == std::vector<std::string>{"RETURN 1 AS `x;y`"});
  CHECK(Split("RETURN 1 // no; end\n;") == std::vector<std::string>{"RETURN 1 // no; end"});
  CHECK(Split("RETURN /* ; */ 1;") == std::vector<std::string>{"RETURN /* ; */ 1"});
  CHECK(Split("RETURN 'multi\nline;';") == std::vector<std::string>{"RETURN 'multi\nline;'"});
}

TEST_CASE("a semicolon inside brackets ends the statement only at the end of its line",
          "[cli]") {
  CHECK(Split("RETURN [1; 2];") == std::vector<std::string>{"RETURN [1; 2]"});
  CHECK(Split("RETURN [1;\n2];") == std::vector<std::string>{"RETURN [1", "2]"});
  CHECK(Split("MATCH (a RETURN a;") == std::vector<std::string>{"MATCH (a RETURN a"});
}

TEST_CASE("comment-only input and empty statements produce nothing", "[cli]") {
  CHECK(Split("// just a comment\n/* and\nanother */\n;;\n", true).empty());
}

TEST_CASE("a line starting with a colon is a command when no statement is pending", "[cli]") {
  CHECK(Split(":help\nRETURN 1;\n  :mode csv  \n") ==
        std::vector<std::string>{"CMD :help", "RETURN 1", "CMD :mode csv"});
  // Inside a pending statement a colon line is part of the statement (a label).
  CHECK(Split("MATCH (n\n:Person) RETURN n;") ==
        std::vector<std::string>{"MATCH (n\n:Person) RETURN n"});
}

TEST_CASE("the splitter reports what an unfinished statement waits for", "[cli]") {
  StatementSplitter s;
  CHECK(s.AtStatementStart());
  s.AddLine("MATCH (n {name: 'Flo");
  CHECK_FALSE(s.AtStatementStart());
  CHECK(s.Waiting() == "'");
  s.AddLine("rence'})");
  CHECK(s.Waiting() == "");
  s.AddLine("RETURN [n");
  CHECK(s.Waiting() == "[");
  s.ClearPending();
  CHECK(s.AtStatementStart());
  ShellInput in;
  CHECK_FALSE(s.Next(&in));
}

TEST_CASE("each input knows the line it started on", "[cli]") {
  StatementSplitter s;
  s.AddText("RETURN 1;\n\n// c\nMATCH (n)\nRETURN n; RETURN 3;\n:quit\n");
  ShellInput in;
  std::vector<int> lines;
  while (s.Next(&in)) lines.push_back(in.line);
  CHECK(lines == std::vector<int>{1, 4, 5, 6});
}
