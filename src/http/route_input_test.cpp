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

Request WithBody(std::string body) {
    Request request;
    request.body = std::move(body);
    return request;
}

TEST(ReadJsonObject, AnEmptyBodyIsAnEmptyObject) {
    auto body = ReadJsonObject(WithBody(""));
    ASSERT_TRUE(body.has_value());
    EXPECT_EQ(*body, nlohmann::json::object());
}

TEST(ReadJsonObject, AnythingButAnObjectIsInvalid) {
    for (const std::string& text : std::vector<std::string>{"[1]", "\"x\"", "{\"a\":", "null", "12"}) {
        auto body = ReadJsonObject(WithBody(text));
        ASSERT_FALSE(body.has_value()) << text;
        EXPECT_EQ(body.error().code, ErrorCode::kInvalidArgument) << text;
        EXPECT_EQ(body.error().message, "The body must be a JSON object.");
    }
    auto object = ReadJsonObject(WithBody(R"({"a":1})"));
    ASSERT_TRUE(object.has_value());
    EXPECT_EQ((*object)["a"], 1);
}

Result<int> CountOf(const nlohmann::json& body) {
    JsonFields fields(body, "Bad count.");
    auto count = fields.Integer("count");
    if (!count && fields.ok()) {
        fields.Bad("count", "is required");
    }
    return fields.Finish(static_cast<int>(count.value_or(0)));
}

TEST(ReadJsonBody, ParsesTheObjectOrAnswersTheFirstStepThatFailed) {
    auto good = ReadJsonBody(WithBody(R"({"count":3})"), &CountOf);
    ASSERT_TRUE(good.has_value());
    EXPECT_EQ(*good, 3);
    auto not_json = ReadJsonBody(WithBody("nope"), &CountOf);
    ASSERT_FALSE(not_json.has_value());
    EXPECT_EQ(not_json.error().message, "The body must be a JSON object.");
    auto wrong = ReadJsonBody(WithBody(R"({"count":"x"})"), &CountOf);
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().message, "Bad count.");
    EXPECT_EQ(wrong.error().fields, (std::vector<FieldError>{{"count", "must be a whole number"}}));
}

TEST(TenantOf, IsThePrincipalsTenant) {
    const TenantId tenant = TenantId::New();
    Request request;
    request.principal = Principal{.user_id = UserId::New(), .session_id = {}, .tenant_id = tenant};
    EXPECT_EQ(TenantOf(request), tenant);
}

/// Runs NotFoundFirst to completion; `lookup_answer` is what the lookup returns, `lookups` counts
/// its calls.
Result<int> RunNotFoundFirst(Result<int> result, Result<void> lookup_answer, int& lookups) {
    boost::asio::io_context ioc;
    std::optional<Result<int>> out;
    auto lookup = [&]() -> boost::asio::awaitable<Result<void>> {
        ++lookups;
        co_return lookup_answer;
    };
    boost::asio::co_spawn(
        ioc, [&]() -> boost::asio::awaitable<void> { out = co_await NotFoundFirst(std::move(result), lookup); },
        boost::asio::detached);
    ioc.run();
    return std::move(*out);
}

TEST(NotFoundFirst, AMissingResourceAnswersBeforeARefusedRequest) {
    int lookups = 0;
    const Result<void> missing = Fail(ApiError::NotFound("Store"));
    for (ErrorCode refused : {ErrorCode::kInvalidArgument, ErrorCode::kConflict, ErrorCode::kPaymentRequired}) {
        auto answer = RunNotFoundFirst(Fail(refused, "refused"), missing, lookups);
        ASSERT_FALSE(answer.has_value());
        EXPECT_EQ(answer.error().code, ErrorCode::kNotFound) << CodeName(refused);
    }
    EXPECT_EQ(lookups, 3);
}

TEST(NotFoundFirst, AnExistingResourceKeepsTheRefusal) {
    int lookups = 0;
    auto answer = RunNotFoundFirst(Fail(ApiError::Invalid("name", "is required")), Result<void>{}, lookups);
    ASSERT_FALSE(answer.has_value());
    EXPECT_EQ(answer.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(answer.error().fields, (std::vector<FieldError>{{"name", "is required"}}));
    EXPECT_EQ(lookups, 1);
}

TEST(NotFoundFirst, SuccessNotFoundAndServerErrorsPassWithoutALookup) {
    int lookups = 0;
    const Result<void> missing = Fail(ApiError::NotFound("Store"));
    auto right = RunNotFoundFirst(5, missing, lookups);
    ASSERT_TRUE(right.has_value());
    EXPECT_EQ(*right, 5);
    EXPECT_EQ(RunNotFoundFirst(Fail(ApiError::NotFound("Order")), missing, lookups).error().message,
              ApiError::NotFound("Order").message);
    EXPECT_EQ(RunNotFoundFirst(Fail(ErrorCode::kUnavailable, "busy"), missing, lookups).error().code,
              ErrorCode::kUnavailable);
    EXPECT_EQ(lookups, 0);
}

}  // namespace
}  // namespace webdpro::http
