// Batched, all-or-nothing import writes with an undo log (see resolve_batches.h).
#include "cli/import/resolve_batches.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "storage/codec.h"

namespace liner::import {
namespace {

using undo_log::kEdgeBefore;
using undo_log::kEdgeCreated;
using undo_log::kNodeBefore;
using undo_log::kNodeCreated;

void PutU32(std::string* out, uint32_t v) { out->append(reinterpret_cast<const char*>(&v), 4); }
void PutU64(std::string* out, uint64_t v) { out->append(reinterpret_cast<const char*>(&v), 8); }

}  // namespace

Result<std::unique_ptr<ImportBatches>> ImportBatches::Begin(Database& db, uint64_t batch_writes,
                                                          bool bulk) {
  std::unique_ptr<ImportBatches> b(new ImportBatches(db, batch_writes, bulk));
  if (bulk) {
    LINER_RETURN_IF_ERROR(b->CreateCommonTokens());
    LINER_RETURN_IF_ERROR(b->StartLoader());
  } else {
    LINER_ASSIGN_OR_RETURN(b->txn_, db.Begin());
  }
  return b;
}

Result<std::unique_ptr<ImportBatches>> ImportBatches::Begin(Database& db,
                                                          const ImportOptions& options) {
  return Begin(db, options.batch_writes.value_or(options.bulk ? kBulkBatch : kTransactionalBatch),
               options.bulk);
}

Status ImportBatches::CreateCommonTokens() {
  // A token the loader creates is committed when its files are ingested, after the loader's
  // transaction commits: an update of an old node that gave it a new label, or a first `mbid`
  // that the transaction did not know to index, would be counted or indexed wrongly. So the
  // labels and indexed keys exist before the first batch (committed only when new).
  LINER_ASSIGN_OR_RETURN(auto t, db_.Begin());
  for (const char* l : {"Person", "Group", "Song", "Sample", "Album", "Label", "Studio"}) {
    LINER_RETURN_IF_ERROR(t->GetOrCreateToken(TokenKind::kLabel, l).status());
  }
  for (const auto* keys : {&Database::NameKeys(), &Database::IndexedKeys()}) {
    for (const std::string& k : *keys) {
      LINER_RETURN_IF_ERROR(t->GetOrCreateToken(TokenKind::kPropertyKey, k).status());
    }
  }
  return t->Commit();
}

Status ImportBatches::StartLoader() {
  LINER_ASSIGN_OR_RETURN(loader_, BulkLoader::Start(db_));
  // The resolver looks every external id up before it creates a node (resolve_graph.h).
  loader_->TrustUniqueAgainstDatabase();
  stage_.Reset(loader_->next_node_id(), loader_->next_edge_id());
  return Status::OK();
}

Status ImportBatches::Flush() {
  Status st = stage_.WriteTo(*loader_);
  if (st.ok()) st = loader_->Commit();
  loader_.reset();
  return st;
}

Result<TokenId> ImportBatches::Token(TokenKind kind, std::string_view name) {
  if (loader_) return loader_->Token(kind, name);
  return txn_->GetOrCreateToken(kind, name);
}

Result<std::optional<NodeRecord>> ImportBatches::GetNode(NodeId id) {
  if (loader_) {
    if (const NodeRecord* r = stage_.node(id)) return std::optional<NodeRecord>(*r);
  }
  return txn().GetNode(id);
}

Result<std::optional<EdgeRecord>> ImportBatches::GetEdge(EdgeId id) {
  if (loader_) {
    if (const EdgeRecord* r = stage_.edge(id)) return std::optional<EdgeRecord>(*r);
  }
  return txn().GetEdge(id);
}

Result<NodeId> ImportBatches::CreateNode(std::vector<TokenId> labels, PropertyMap props) {
  NodeId id;
  if (loader_) {
    id = stage_.AddNode(std::move(labels), std::move(props));
  } else {
    LINER_ASSIGN_OR_RETURN(id, txn_->CreateNode(labels, std::move(props)));
  }
  LINER_RETURN_IF_ERROR(NodeCreated(id));
  return id;
}

Result<EdgeId> ImportBatches::CreateEdge(NodeId src, NodeId dst, TokenId type,
                                         PropertyMap props) {
  EdgeId id;
  if (loader_) {
    id = stage_.AddEdge(src, dst, type, std::move(props));
  } else {
    LINER_ASSIGN_OR_RETURN(id, txn_->CreateEdge(src, dst, type, std::move(props)));
  }
  LINER_RETURN_IF_ERROR(EdgeCreated(id));
  return id;
}

Status ImportBatches::ReplaceNodeProperties(NodeId id, PropertyMap props) {
  if (NodeRecord* r = loader_ ? stage_.node(id) : nullptr) {
    r->props = std::move(props);
    return Status::OK();
  }
  return txn().ReplaceNodeProperties(id, std::move(props));
}

Status ImportBatches::AddLabel(NodeId id, TokenId label) {
  if (NodeRecord* r = loader_ ? stage_.node(id) : nullptr) {
    auto it = std::lower_bound(r->labels.begin(), r->labels.end(), label);
    if (it == r->labels.end() || *it != label) r->labels.insert(it, label);
    return Status::OK();
  }
  return txn().AddLabel(id, label);
}

Status ImportBatches::RemoveLabel(NodeId id, TokenId label) {
  if (NodeRecord* r = loader_ ? stage_.node(id) : nullptr) {
    r->labels.erase(std::remove(r->labels.begin(), r->labels.end(), label), r->labels.end());
    return Status::OK();
  }
  return txn().RemoveLabel(id, label);
}

Status ImportBatches::ReplaceEdgeProperties(EdgeId id, PropertyMap props) {
  if (EdgeRecord* r = loader_ ? stage_.edge(id) : nullptr) {
    r->props = std::move(props);
    return Status::OK();
  }
  return txn().ReplaceEdgeProperties(id, std::move(props));
}

ImportBatches::~ImportBatches() {
  if (!finished_) static_cast<void>(Abort());
  if (log_) std::fclose(log_);
}

Status ImportBatches::Append(char kind, uint64_t id, const std::string& payload) {
  ++writes_;
  // Nothing committed yet: the open transaction alone is rolled back, no log is needed. (The
  // bulk path always logs: its last batch commits in two steps, see Commit.)
  if (batches_ == 0 && batch_writes_ == 0 && !bulk_) return Status::OK();
  if (!log_) {
    log_ = std::tmpfile();
    if (!log_) return Status::IOError("cannot create the import's undo log in the temp folder");
  }
  // [kind][id u64][payload len u32][payload][entry length u32]: read backwards by its tail.
  std::string e;
  e.reserve(17 + payload.size());
  e.push_back(kind);
  PutU64(&e, id);
  PutU32(&e, static_cast<uint32_t>(payload.size()));
  e += payload;
  PutU32(&e, static_cast<uint32_t>(e.size()));
  if (std::fwrite(e.data(), 1, e.size(), log_) != e.size()) {
    return Status::IOError("cannot write the import's undo log (temp folder full?)");
  }
  log_bytes_ += e.size();
  return Status::OK();
}

Status ImportBatches::NodeCreated(NodeId id) {
  if (first_node_ == 0) first_node_ = id;
  return Append(kNodeCreated, id, "");
}

Status ImportBatches::EdgeCreated(EdgeId id) {
  if (first_edge_ == 0) first_edge_ = id;
  return Append(kEdgeCreated, id, "");
}

Status ImportBatches::NodeBefore(const NodeRecord& before) {
  return Append(kNodeBefore, before.id, codec::EncodeNode(before));
}

Status ImportBatches::EdgeBefore(const EdgeRecord& before) {
  return Append(kEdgeBefore, before.id, codec::EncodeEdge(before));
}

Result<bool> ImportBatches::RecordDone(bool force) {
  if (batch_writes_ == 0) return false;
  if (writes_ < batch_writes_ && !(bulk_ && force && writes_ > 0)) return false;
  // Counted first: a batch that fails half-way may have committed part of itself, and
  // Abort() undoes only when something was committed.
  ++batches_;
  writes_ = 0;
  if (bulk_) {
    LINER_RETURN_IF_ERROR(Flush());
    LINER_RETURN_IF_ERROR(StartLoader());
  } else {
    LINER_RETURN_IF_ERROR(txn_->Commit());
    LINER_ASSIGN_OR_RETURN(txn_, db_.Begin());
  }
  return true;
}

Status ImportBatches::Commit() {
  finished_ = true;
  // Bulk: the loader commits its transaction (updates of old records), then ingests; a
  // failure between the two is undone from the log like a failure of a later batch.
  Status st = bulk_ ? Flush() : txn_->Commit();
  if (!st.ok() && (batches_ > 0 || bulk_)) {
    Status undo = Undo();
    if (!undo.ok()) {
      return st.WithContext("undoing the committed batches failed too (" + undo.message() +
                            "; the database holds part of the import) after");
    }
  }
  return st;
}

Status ImportBatches::Abort() {
  if (finished_) return Status::OK();
  finished_ = true;
  if (txn_) txn_->Rollback();
  loader_.reset();  // drops the open batch (and releases the write lock)
  if (batches_ == 0) return Status::OK();
  return Undo();
}

Status ImportBatches::Fail(Status cause) {
  Status undo = Abort();
  if (undo.ok()) return cause;
  return cause.WithContext("undoing the " + std::to_string(batches_) +
                           " batches already committed failed (" + undo.message() +
                           "; the database holds part of the import) after");
}

}  // namespace liner::import
