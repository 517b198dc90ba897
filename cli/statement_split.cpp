#include "cli/statement_split.h"

namespace liner::cli {

std::string_view Trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
                                      c == '\f' || c == '\v'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

namespace {
char Closing(char open) { return open == '(' ? ')' : open == '[' ? ']' : '}'; }

// Whether the rest of the line after position `i` is only whitespace or a // comment.
bool RestIsBlank(std::string_view line, size_t i) {
  std::string_view rest = Trim(line.substr(i));
  return rest.empty() || rest.substr(0, 2) == "//";
}
}  // namespace

void StatementSplitter::AddText(std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) AddLine(text.substr(start));
      break;
    }
    AddLine(text.substr(start, nl - start));
    start = nl + 1;
  }
}

void StatementSplitter::AddLine(std::string_view line) {
  ++line_no_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (AtStatementStart() && state_ == State::kCode) {
    std::string_view t = Trim(line);
    if (!t.empty() && t.front() == ':') {
      queue_.push_back({ShellInput::Kind::kCommand, std::string(t), line_no_});
      pending_.clear();
      return;
    }
  }
  if (AtStatementStart()) {  // drop blank lines and comments before a statement
    pending_.clear();
    pending_line_ = line_no_;
  }

  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    char next = i + 1 < line.size() ? line[i + 1] : '\0';
    switch (state_) {
      case State::kSingle:
      case State::kDouble: {
        pending_ += c;
        char quote = state_ == State::kSingle ? '\'' : '"';
        if (escape_) {
          escape_ = false;
        } else if (c == '\\') {
          escape_ = true;
        } else if (c == quote) {
          state_ = State::kCode;
        }
        continue;
      }
      case State::kBacktick:
        pending_ += c;
        if (c == '`') state_ = State::kCode;  // a doubled `` re-enters at once
        continue;
      case State::kBlockComment:
        pending_ += c;
        if (c == '*' && next == '/') {
          pending_ += next;
          ++i;
          state_ = State::kCode;
        }
        continue;
      case State::kCode:
        break;
    }
    if (c == '/' && next == '/') {  // line comment: keep it, it is harmless to the parser
      pending_.append(line.substr(i));
      break;
    }
    if (c == '/' && next == '*') {
      pending_ += "/*";
      ++i;
      state_ = State::kBlockComment;
      continue;
    }
    if (c == ';' && (brackets_.empty() || RestIsBlank(line, i + 1))) {
      Emit();
      continue;
    }
    pending_ += c;
    if (c != ' ' && c != '\t') pending_has_code_ = true;
    if (c == '\'') state_ = State::kSingle;
    if (c == '"') state_ = State::kDouble;
    if (c == '`') state_ = State::kBacktick;
    if (c == '(' || c == '[' || c == '{') brackets_ += c;
    if ((c == ')' || c == ']' || c == '}') && !brackets_.empty() &&
        Closing(brackets_.back()) == c) {
      brackets_.pop_back();
    }
  }
  pending_ += '\n';
}

void StatementSplitter::Emit() {
  std::string_view text = Trim(pending_);
  if (pending_has_code_ && !text.empty()) {
    queue_.push_back({ShellInput::Kind::kStatement, std::string(text), pending_line_});
  }
  pending_.clear();
  pending_has_code_ = false;
  brackets_.clear();
  pending_line_ = line_no_;
}

bool StatementSplitter::Next(ShellInput* input) {
  if (queue_.empty()) return false;
  *input = std::move(queue_.front());
  queue_.pop_front();
  return true;
}

bool StatementSplitter::AtStatementStart() const {
  return !pending_has_code_ && state_ == State::kCode;
}

bool StatementSplitter::Finish() {
  size_t before = queue_.size();
  state_ = State::kCode;
  escape_ = false;
  Emit();
  return queue_.size() > before;
}

void StatementSplitter::ClearPending() {
  pending_.clear();
  pending_has_code_ = false;
  brackets_.clear();
  state_ = State::kCode;
  escape_ = false;
}

std::string StatementSplitter::Waiting() const {
  switch (state_) {
    case State::kSingle: return "'";
    case State::kDouble: return "\"";
    case State::kBacktick: return "`";
    case State::kBlockComment: return "/*";
    case State::kCode: break;
  }
  return brackets_.empty() ? "" : std::string(1, brackets_.back());
}

}  // namespace liner::cli
