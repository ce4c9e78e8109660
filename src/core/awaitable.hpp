#pragma once

// Boost.Asio's coroutine type, for every layer. Include this instead of <boost/asio/awaitable.hpp>.

#include <utility>  // Boost 1.74 awaitable.hpp uses std::exchange without including it

#include <boost/asio/awaitable.hpp>

// GCC 12 and 13 report -Wmismatched-new-delete at the closing brace of every coroutine that returns
// an awaitable: Asio's frame allocator (awaitable_frame_base::operator new, recycling a per-thread
// block) is inlined down to ::operator new while its matching class operator delete is not, so GCC
// pairs the wrong two (GCC bug 109224; Asio frees with ::operator delete, as it allocated). The
// warning is placed in our function, not in the Boost header, so neither treating Boost as system
// headers nor a pragma around the include can reach it; this turns off that one warning for the rest
// of each file that uses coroutines. Real new/delete mismatches are still caught at run time by
// AddressSanitizer (alloc-dealloc-mismatch) in the debug build that runs the tests.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
