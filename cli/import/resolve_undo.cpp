// Undoing a failed import from its undo log (see resolve_batches.h).
//
// The log is read backwards. The before-images of the records the import changed are restored
// through transactions, newest first; the ids of the records it created are only collected, as
// runs of consecutive ids (an import allocates ids in increasing order, so a whole import is a
// few runs), and erased at the end by BulkErase: range deletions plus the index entries
// computed from one sequential scan, instead of a transactional delete (reads, an iterator
// and an indexed write batch) per record.
#include <algorithm>
#include <cstring>
#include <vector>

#include "cli/import/resolve_batches.h"
#include "storage/bulk_erase.h"
#include "storage/codec.h"

namespace liner::import {
namespace {

// Restores per undo transaction.
constexpr uint64_t kUndoBatch = 20000;

// Reads a file backwards through a large buffer (one read per MiB instead of a seek and a
// read per entry).
class BackwardReader {
 public:
  explicit BackwardReader(std::FILE* f) : f_(f) {}
  // Copies bytes [from, from + n) of the file into `out`.
  bool Read(int64_t from, size_t n, char* out) {
    const int64_t to = from + static_cast<int64_t>(n);
    if (from < buf_from_ || to > buf_from_ + static_cast<int64_t>(buf_.size())) {
      if (n > kBuffer) return Direct(from, n, out);
      const int64_t start = std::max<int64_t>(0, to - static_cast<int64_t>(kBuffer));
      buf_.resize(static_cast<size_t>(to - start));
      if (!Direct(start, buf_.size(), buf_.data())) return false;
      buf_from_ = start;
    }
    std::memcpy(out, buf_.data() + (from - buf_from_), n);
    return true;
  }

 private:
  static constexpr size_t kBuffer = 1 << 20;
  bool Direct(int64_t from, size_t n, char* out) {
    return fseeko(f_, from, SEEK_SET) == 0 && std::fread(out, 1, n, f_) == n;
  }
  std::FILE* f_;
  std::vector<char> buf_;
  int64_t buf_from_ = 0;
};

// Adds `id` to `runs`; ids mostly arrive in decreasing order, extending the last run downwards.
void AddId(std::vector<IdRange>* runs, uint64_t id) {
  if (!runs->empty()) {
    IdRange& r = runs->back();
    if (id + 1 == r.first) {
      r.first = id;
      return;
    }
    if (id >= r.first && id < r.end) return;
  }
  runs->push_back(IdRange{id, id + 1});
}

}  // namespace

Status ImportBatches::Undo() {
  // The current transaction is finished (committed or rolled back): undo in new ones.
  if (!log_) return Status::OK();
  if (std::fflush(log_) != 0) return Status::IOError("cannot flush the import's undo log");
  std::vector<IdRange> created_nodes, created_edges;
  {
    LINER_ASSIGN_OR_RETURN(auto txn, db_.Begin());
    uint64_t ops = 0;
    BackwardReader reader(log_);
    int64_t end = static_cast<int64_t>(log_bytes_);
    std::string entry;
    while (end > 0) {
      uint32_t len = 0;
      if (end < 4 || !reader.Read(end - 4, 4, reinterpret_cast<char*>(&len)) || len < 13 ||
          static_cast<int64_t>(len) + 4 > end) {
        return Status::IOError("the import's undo log is damaged");
      }
      entry.resize(len);
      if (!reader.Read(end - 4 - len, len, entry.data())) {
        return Status::IOError("cannot read the import's undo log");
      }
      end -= 4 + static_cast<int64_t>(len);
      const char kind = entry[0];
      uint64_t id = 0;
      std::memcpy(&id, entry.data() + 1, 8);
      std::string_view payload(entry.data() + 13, len - 13);
      switch (kind) {
        case undo_log::kEdgeCreated:
          AddId(&created_edges, id);
          continue;
        case undo_log::kNodeCreated:
          AddId(&created_nodes, id);
          continue;
        case undo_log::kNodeBefore: {
          LINER_ASSIGN_OR_RETURN(NodeRecord before, codec::DecodeNode(id, payload));
          LINER_ASSIGN_OR_RETURN(auto now, txn->GetNode(id));
          if (!now) break;
          for (TokenId l : now->labels) {
            if (!before.HasLabel(l)) LINER_RETURN_IF_ERROR(txn->RemoveLabel(id, l));
          }
          for (TokenId l : before.labels) {
            if (!now->HasLabel(l)) LINER_RETURN_IF_ERROR(txn->AddLabel(id, l));
          }
          if (!(now->props == before.props)) {
            LINER_RETURN_IF_ERROR(txn->ReplaceNodeProperties(id, std::move(before.props)));
          }
          break;
        }
        case undo_log::kEdgeBefore: {
          LINER_ASSIGN_OR_RETURN(EdgeRecord before, codec::DecodeEdge(id, payload));
          Status st = txn->ReplaceEdgeProperties(id, std::move(before.props));
          if (!st.ok() && st.code() != Status::Code::kNotFound) return st;
          break;
        }
        default:
          return Status::IOError("the import's undo log is damaged");
      }
      if (++ops % kUndoBatch == 0) {
        LINER_RETURN_IF_ERROR(txn->Commit());
        LINER_ASSIGN_OR_RETURN(txn, db_.Begin());
      }
    }
    LINER_RETURN_IF_ERROR(txn->Commit());
  }
  if (created_nodes.empty() && created_edges.empty()) return Status::OK();
  return BulkErase(db_, std::move(created_nodes), std::move(created_edges)).status();
}

}  // namespace liner::import
