#include "http/route_input.hpp"

#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "http/test_util.hpp"

namespace webdpro::http {
namespace {

Request WithStoreParam(std::string value) {
    Request request;
    request.params.emplace_back("store_id", std::move(value));
    return request;
}

TEST(PathId, ParsesTheNamedParameter) {
    const StoreId id = StoreId::New();
    auto parsed = PathId<StoreId>(WithStoreParam(id.str()), "store_id", "Store");
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, id);
}

TEST(PathId, AnUnparsableIdIsNotFound) {
    for (const std::string& text : std::vector<std::string>{"", "nope", ProductId::New().str()}) {
        auto parsed = PathId<StoreId>(WithStoreParam(text), "store_id", "Store");
        ASSERT_FALSE(parsed.has_value()) << text;
        EXPECT_EQ(parsed.error().code, ErrorCode::kNotFound);
    }
}

Result<StoreId> StoreOf(const Request& request) {
    return PathId<StoreId>(request, "store_id", "Store");
}

TEST(WithPath, PassesTheParsedPathToTheHandler) {
    const StoreId id = StoreId::New();
    Handler handler = WithPath(&StoreOf, [](Request&, StoreId store) -> boost::asio::awaitable<Response> {
        co_return Response::Text(200, store.str());
    });
    Request request = WithStoreParam(id.str());
    const Response response = testing::Call(handler, request);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, id.str());
}

TEST(WithPath, AnswersThePathErrorWithoutCallingTheHandler) {
    bool called = false;
    Handler handler = WithPath(&StoreOf, [&called](Request&, StoreId) -> boost::asio::awaitable<Response> {
        called = true;
        co_return Response::Text(200, "");
    });
    Request request = WithStoreParam("bad");
    EXPECT_EQ(testing::Call(handler, request).status, 404);
    EXPECT_FALSE(called);
}

TEST(JsonFields, ReadsRightMembersAndSkipsAbsentOnes) {
    const auto body = nlohmann::json::parse(
        R"({"name":"Tea","count":3,"mrp":null,"lat":12.5,"on":true,"theme":{"color":"red"},"note":null})");
    JsonFields fields(body, "The thing has invalid fields.");
    EXPECT_EQ(fields.String("name"), "Tea");
    EXPECT_EQ(fields.String("missing"), std::nullopt);
    EXPECT_EQ(fields.String("note"), std::nullopt);
    EXPECT_EQ(fields.String("note", JsonFields::Null::kEmpty), "");
    EXPECT_EQ(fields.Integer("count"), 3);
    // null clears: present, holding no value (an absent member is an empty outer optional).
    EXPECT_EQ(fields.ClearableInteger("mrp"), std::optional<std::optional<std::int64_t>>(std::in_place));
    EXPECT_EQ(fields.ClearableInteger("count"), std::optional<std::optional<std::int64_t>>(3));
    EXPECT_EQ(fields.ClearableInteger("missing"), std::nullopt);
    EXPECT_EQ(fields.ClearableNumber("lat"), std::optional<std::optional<double>>(12.5));
    EXPECT_EQ(fields.Boolean("on"), true);
    const nlohmann::json& theme = fields.Object("theme");
    EXPECT_EQ(fields.String(theme, "color", "theme.color"), "red");
    EXPECT_TRUE(fields.Object("missing").empty());
    fields.OnlyKnown(body, {"name", "count", "mrp", "lat", "on", "theme", "note"}, "is not a field");
    EXPECT_TRUE(fields.ok());
    auto finished = fields.Finish(7);
    ASSERT_TRUE(finished.has_value());
    EXPECT_EQ(*finished, 7);
}

TEST(JsonFields, NamesEveryWrongMemberInOneError) {
    const auto body = nlohmann::json::parse(
        R"({"name":null,"count":1.5,"mrp":"x","lat":"far","on":"yes","theme":[1],"extra":1,"sub":{"z":2}})");
    JsonFields fields(body, "The thing has invalid fields.");
    EXPECT_EQ(fields.String("name", JsonFields::Null::kInvalid), std::nullopt);
    EXPECT_EQ(fields.Integer("count"), std::nullopt);
    EXPECT_EQ(fields.ClearableInteger("mrp"), std::nullopt);
    EXPECT_EQ(fields.ClearableNumber("lat"), std::nullopt);
    EXPECT_EQ(fields.Boolean("on"), std::nullopt);
    EXPECT_TRUE(fields.Object("theme").empty());
    fields.OnlyKnown(body, {"name", "count", "mrp", "lat", "on", "theme", "sub"}, "is not a field");
    fields.OnlyKnown(fields.Object("sub"), {"y"}, "is not a field here", "sub.");
    EXPECT_FALSE(fields.ok());
    auto finished = fields.Finish(7);
    ASSERT_FALSE(finished.has_value());
    EXPECT_EQ(finished.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(finished.error().message, "The thing has invalid fields.");
    const std::vector<FieldError> expected = {
        {"name", "must be a string"},        {"count", "must be a whole number"}, {"mrp", "must be a whole number"},
        {"lat", "must be a number or null"}, {"on", "must be true or false"},     {"theme", "must be an object"},
        {"extra", "is not a field"},         {"sub.z", "is not a field here"},
    };
    EXPECT_EQ(finished.error().fields, expected);
}

}  // namespace
}  // namespace webdpro::http
