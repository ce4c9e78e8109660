#include "core/log.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

namespace webdpro {

TEST(Logger, WritesOneJsonObjectPerLine) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    {
        Logger logger(fds[1], LogLevel::kInfo);
        logger.Debug("hidden");
        logger.Info("hello", {{"request_id", "req_1"}, {"n", 3}});
        logger.Error("bad \"quote\"\nnewline");
        logger.Flush();
    }
    ::close(fds[1]);
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0) {
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    std::vector<nlohmann::json> lines;
    std::size_t start = 0;
    while (start < out.size()) {
        auto end = out.find('\n', start);
        ASSERT_NE(end, std::string::npos);
        lines.push_back(nlohmann::json::parse(out.substr(start, end - start)));
        start = end + 1;
    }
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]["msg"], "hello");
    EXPECT_EQ(lines[0]["level"], "info");
    EXPECT_EQ(lines[0]["request_id"], "req_1");
    EXPECT_TRUE(lines[0].contains("ts"));
    EXPECT_EQ(lines[1]["msg"], "bad \"quote\"\nnewline");
}

}  // namespace webdpro
