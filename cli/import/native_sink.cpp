#include "cli/import/native_sink.h"

#include <algorithm>
#include <optional>

#include "storage/bulk_load.h"

namespace liner::import {

namespace {

class TransactionSink final : public GraphSink {
 public:
  explicit TransactionSink(std::unique_ptr<Transaction> txn) : txn_(std::move(txn)) {}
  Result<TokenId> Token(TokenKind kind, std::string_view name) override {
    return txn_->GetOrCreateToken(kind, name);
  }
  Result<NodeId> AddNode(std::vector<TokenId> labels, const PropertyMap& props) override {
    last_existed_ = false;
    LINER_ASSIGN_OR_RETURN(auto existing, FindExisting(labels, props));
    if (!existing) return txn_->CreateNode(labels, props);
    last_existed_ = true;
    for (const auto& [key, value] : props.entries()) {
      LINER_RETURN_IF_ERROR(txn_->SetNodeProperty(*existing, key, value));
    }
    return *existing;
  }
  Result<EdgeId> AddEdge(NodeId src, NodeId dst, TokenId type,
                         const PropertyMap& props) override {
    last_existed_ = false;
    for (auto c = txn_->Neighbors(src, Direction::kOut, type); c->Valid(); c->Next()) {
      if (c->entry().other != dst) continue;
      LINER_ASSIGN_OR_RETURN(auto rec, txn_->GetEdge(c->entry().edge));
      if (rec && rec->props == props) {
        last_existed_ = true;
        return rec->id;
      }
    }
    return txn_->CreateEdge(src, dst, type, props);
  }
  Status Commit() override { return txn_->Commit(); }
  bool last_existed() const override { return last_existed_; }

 private:
  // The node with all of `labels` and the same `id` property, if the database has one.
  Result<std::optional<NodeId>> FindExisting(const std::vector<TokenId>& labels,
                                             const PropertyMap& props) {
    if (labels.empty()) return std::optional<NodeId>();
    if (id_key_ == kNoToken) id_key_ = txn_->LookupToken(TokenKind::kPropertyKey, "id");
    const Value* id = id_key_ == kNoToken ? nullptr : props.Get(id_key_);
    if (!id) return std::optional<NodeId>();
    auto hits = txn_->FindByProperty(labels.front(), id_key_, *id);
    if (!hits) return std::optional<NodeId>();
    for (NodeId n : *hits) {
      LINER_ASSIGN_OR_RETURN(auto rec, txn_->GetNode(n));
      if (!rec) continue;
      const Value* v = rec->props.Get(id_key_);
      bool all_labels = std::all_of(labels.begin(), labels.end(),
                                    [&](TokenId l) { return rec->HasLabel(l); });
      if (v && *v == *id && all_labels) return std::optional<NodeId>(n);
    }
    return std::optional<NodeId>();
  }

  std::unique_ptr<Transaction> txn_;
  TokenId id_key_ = kNoToken;
  bool last_existed_ = false;
};

class BulkSink final : public GraphSink {
 public:
  explicit BulkSink(std::unique_ptr<BulkLoader> loader) : loader_(std::move(loader)) {}
  Result<TokenId> Token(TokenKind kind, std::string_view name) override {
    return loader_->Token(kind, name);
  }
  Result<NodeId> AddNode(std::vector<TokenId> labels, const PropertyMap& props) override {
    return loader_->AddNode(std::move(labels), props);
  }
  Result<EdgeId> AddEdge(NodeId src, NodeId dst, TokenId type,
                         const PropertyMap& props) override {
    return loader_->AddEdge(src, dst, type, props);
  }
  Status Commit() override { return loader_->Commit(); }
  void Reserve(uint64_t nodes, uint64_t edges) override { loader_->Reserve(nodes, edges); }
  void SetPhaseLog(PhaseLog* log) override { loader_->SetPhaseLog(log); }

 private:
  std::unique_ptr<BulkLoader> loader_;
};

}  // namespace

Result<std::unique_ptr<GraphSink>> MakeTransactionSink(Database& db) {
  LINER_ASSIGN_OR_RETURN(auto txn, db.Begin());
  return std::unique_ptr<GraphSink>(new TransactionSink(std::move(txn)));
}

Result<std::unique_ptr<GraphSink>> MakeBulkSink(Database& db) {
  LINER_ASSIGN_OR_RETURN(auto loader, BulkLoader::Start(db));
  return std::unique_ptr<GraphSink>(new BulkSink(std::move(loader)));
}

}  // namespace liner::import
