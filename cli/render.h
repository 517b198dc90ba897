#pragma once
// Renderers: how query results are printed by the shell and `liner query`.
//
// A renderer receives the columns, then rows one at a time, then End(). Streaming renderers
// (csv, tsv, json, jsonl) write every row as it arrives, so a large result starts printing at
// once and needs no memory; grid renderers (box, table, markdown) keep at most `max_rows` rows to
// align the columns — the first and the last half of them, with a "…" row between — and then
// say how many rows they left out.
// A Renderer is used from one thread; the free functions are thread-safe.

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "query/value.h"
#include "storage/status.h"

namespace liner::cli {

enum class OutputMode { kBox, kTable, kCsv, kTsv, kJson, kJsonl, kMarkdown };

// "box", "table", ... Every mode, in the order of the enum.
const char* ModeName(OutputMode mode);
const std::vector<OutputMode>& AllModes();
// InvalidArgument listing the valid names when `name` is none of them.
Result<OutputMode> ParseOutputMode(std::string_view name);
bool ModeStreams(OutputMode mode);

struct RenderOptions {
  OutputMode mode = OutputMode::kTable;
  size_t max_width = 40;   // grid modes: longer cells are cut with "…"; 0 = never
  size_t max_rows = 0;     // grid modes: rows shown (first and last halves); 0 = all
  bool color = false;      // ANSI colour (a terminal without NO_COLOR only)
};

class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual void Begin(const std::vector<std::string>& columns) = 0;
  virtual void Row(const std::vector<query::QValue>& row) = 0;
  // Writes whatever is buffered and the closing text.
  virtual void End() = 0;
  // Rows received so far (including the ones a grid left out).
  virtual size_t rows() const = 0;
};

std::unique_ptr<Renderer> MakeRenderer(const RenderOptions& options, std::ostream& out);

// Text of one value in a grid or delimited cell: strings as they are, null as "", other
// values as Cypher text (nodes as (:Label {k: v}), lists as [a, b]).
std::string CellText(const query::QValue& value);

// Convenience: renders a whole result.
void RenderAll(const RenderOptions& options, const std::vector<std::string>& columns,
               const std::vector<std::vector<query::QValue>>& rows, std::ostream& out);

}  // namespace liner::cli
