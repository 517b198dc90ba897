#include "cli/import/native_sink.h"

#include "storage/bulk_load.h"

namespace liner::import {

namespace {

class TransactionSink final : public GraphSink {
 public:
  explicit TransactionSink(std::unique_ptr<Transaction> txn) : txn_(std::move(txn)) {}
  Result<TokenId> Token(TokenKind kind, std::string_view name) override {
    return txn_->GetOrCreateToken(kind, name);
  }
  Result<NodeId> AddNode(std::vector<TokenId> labels, PropertyMap props) override {
    return txn_->CreateNode(labels, std::move(props));
  }
  Result<EdgeId> AddEdge(NodeId src, NodeId dst, TokenId type, PropertyMap props) override {
    return txn_->CreateEdge(src, dst, type, std::move(props));
  }
  Status Commit() override { return txn_->Commit(); }

 private:
  std::unique_ptr<Transaction> txn_;
};

class BulkSink final : public GraphSink {
 public:
  explicit BulkSink(std::unique_ptr<BulkLoader> loader) : loader_(std::move(loader)) {}
  Result<TokenId> Token(TokenKind kind, std::string_view name) override {
    return loader_->Token(kind, name);
  }
  Result<NodeId> AddNode(std::vector<TokenId> labels, PropertyMap props) override {
    return loader_->AddNode(std::move(labels), std::move(props));
  }
  Result<EdgeId> AddEdge(NodeId src, NodeId dst, TokenId type, PropertyMap props) override {
    return loader_->AddEdge(src, dst, type, std::move(props));
  }
  Status Commit() override { return loader_->Commit(); }

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
