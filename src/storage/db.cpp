#include "storage/db.hpp"

#include <bit>
#include <stdexcept>

namespace webdpro::storage {

std::string_view TypeName(const Value& value) {
    static constexpr std::array<std::string_view, 5> kNames = {"NULL", "INTEGER", "REAL", "TEXT", "BLOB"};
    return kNames[value.index()];
}

std::size_t Row::Column(std::string_view name) const {
    if (names_) {
        for (std::size_t i = 0; i < names_->size(); ++i) {
            if ((*names_)[i] == name) {
                return i;
            }
        }
    }
    throw std::logic_error("row has no column named " + std::string(name));
}

const Value& Row::At(std::size_t column) const {
    if (column >= values_.size()) {
        throw std::logic_error("row has " + std::to_string(values_.size()) + " columns, asked for column " +
                               std::to_string(column));
    }
    return values_[column];
}

template <class T>
const T& Row::Get(std::size_t column, std::string_view wanted) const {
    const Value& value = At(column);
    if (const T* held = std::get_if<T>(&value)) {
        return *held;
    }
    throw std::logic_error("column " + std::to_string(column) + " is " + std::string(TypeName(value)) + ", not " +
                           std::string(wanted));
}

std::int64_t Row::Int(std::size_t column) const {
    return Get<std::int64_t>(column, "INTEGER");
}

bool Row::Bool(std::size_t column) const {
    const std::int64_t value = Int(column);
    if (value != 0 && value != 1) {
        throw std::logic_error("column " + std::to_string(column) + " holds " + std::to_string(value) +
                               ", not a 0/1 boolean");
    }
    return value == 1;
}

double Row::Real(std::size_t column) const {
    if (const auto* integer = std::get_if<std::int64_t>(&At(column))) {
        return static_cast<double>(*integer);
    }
    return Get<double>(column, "REAL");
}

const std::string& Row::Text(std::size_t column) const {
    return Get<std::string>(column, "TEXT");
}

const Blob& Row::BlobAt(std::size_t column) const {
    return Get<Blob>(column, "BLOB");
}

std::optional<std::int64_t> Row::OptInt(std::size_t column) const {
    if (IsNull(column)) {
        return std::nullopt;
    }
    return Int(column);
}

std::optional<bool> Row::OptBool(std::size_t column) const {
    if (IsNull(column)) {
        return std::nullopt;
    }
    return Bool(column);
}

std::optional<double> Row::OptReal(std::size_t column) const {
    if (IsNull(column)) {
        return std::nullopt;
    }
    return Real(column);
}

std::optional<std::string> Row::OptText(std::size_t column) const {
    if (IsNull(column)) {
        return std::nullopt;
    }
    return Text(column);
}

std::optional<Blob> Row::OptBlob(std::size_t column) const {
    if (IsNull(column)) {
        return std::nullopt;
    }
    return BlobAt(column);
}

std::size_t DbStats::BatchBucket(std::uint64_t size) {
    if (size <= 1) {
        return 0;
    }
    const auto bucket = static_cast<std::size_t>(std::bit_width(size) - 1);
    return bucket < kBatchBuckets ? bucket : kBatchBuckets - 1;
}

namespace {

// How long a refused heavy read is asked to wait: a report takes a moment, not minutes.
constexpr int kHeavyRetryAfterS = 5;

}  // namespace

void Db::LimitHeavyReads(int slots, std::size_t queue) {
    std::lock_guard lock(heavy_mutex_);
    heavy_slots_ = slots;
    heavy_queue_limit_ = queue;
}

std::pair<int, std::size_t> Db::HeavyReads() const {
    std::lock_guard lock(heavy_mutex_);
    return {heavy_running_, heavy_waiting_.size()};
}

void Db::SubmitHeavy(Waiting read) {
    {
        std::unique_lock lock(heavy_mutex_);
        if (heavy_slots_ > 0 && heavy_running_ >= heavy_slots_) {
            if (heavy_waiting_.size() >= heavy_queue_limit_) {
                lock.unlock();
                ApiError busy = ApiError::Unavailable("heavy reads: every slot taken and the queue full");
                busy.message = "Too many reports are being prepared right now. Please try again in a few seconds.";
                busy.retry_after_s = kHeavyRetryAfterS;
                read.done(Fail(std::move(busy)));
                return;
            }
            heavy_waiting_.push_back(std::move(read));
            return;
        }
        ++heavy_running_;
    }
    SubmitAdmitted(std::move(read));
}

void Db::SubmitAdmitted(Waiting read) {
    Submit(TxKind::kRead, std::move(read.job), [this, done = std::move(read.done)](Result<void> result) mutable {
        std::move(done)(std::move(result));
        std::optional<Waiting> next;
        {
            std::lock_guard lock(heavy_mutex_);
            if (heavy_waiting_.empty()) {
                --heavy_running_;
            } else {
                next.emplace(std::move(heavy_waiting_.front()));
                heavy_waiting_.pop_front();
            }
        }
        if (next) {
            // The slot passes straight to the next in line.
            auto executor = next->executor;
            boost::asio::post(executor, [this, next = std::move(*next)]() mutable { SubmitAdmitted(std::move(next)); });
        }
    });
}

boost::asio::awaitable<Result<void>> Db::Ping() {
    co_return co_await Read([](Conn& conn) -> Result<void> {
        auto rows = conn.Query("SELECT 1");
        if (!rows) {
            return Fail(std::move(rows.error()));
        }
        return {};
    });
}

}  // namespace webdpro::storage
