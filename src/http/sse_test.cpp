#include "http/sse.hpp"

#include <gtest/gtest.h>

namespace webdpro::http {
namespace {

TEST(SseFormat, SingleLineEvent) {
    EXPECT_EQ(FormatSseEvent("progress", "{\"step\":\"spec\"}"), "event: progress\ndata: {\"step\":\"spec\"}\n\n");
}

TEST(SseFormat, DefaultEventTypeOmitsTheField) {
    EXPECT_EQ(FormatSseEvent("", "hi"), "data: hi\n\n");
    EXPECT_EQ(FormatSseEvent("done", "{}", "5"), "id: 5\nevent: done\ndata: {}\n\n");
    EXPECT_EQ(FormatSseEvent("", "x", "1\nevent: forged"), "id: 1event: forged\ndata: x\n\n");
}

TEST(SseFormat, EveryLineGetsItsOwnDataField) {
    EXPECT_EQ(FormatSseEvent("", "a\nb\r\nc\rd"), "data: a\ndata: b\ndata: c\ndata: d\n\n");
    EXPECT_EQ(FormatSseEvent("", ""), "data: \n\n");
}

TEST(SseFormat, EventNameCannotInjectFields) {
    EXPECT_EQ(FormatSseEvent("x\ndata: forged\r", "real"), "event: xdata: forged\ndata: real\n\n");
}

TEST(SseResponse, IsAnUncompressedEventStream) {
    const Response response = SseResponse([](SseWriter&) -> boost::asio::awaitable<void> { co_return; });
    EXPECT_EQ(response.status, 200);
    EXPECT_TRUE(static_cast<bool>(response.sse));
    EXPECT_FALSE(response.compressible);
    EXPECT_EQ(response.headers.Get("Content-Type"), "text/event-stream");
    EXPECT_EQ(response.headers.Get("Cache-Control"), "no-store");
}

}  // namespace
}  // namespace webdpro::http
