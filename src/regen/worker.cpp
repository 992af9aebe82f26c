// One persistent worker: a request goes out as NAME=VALUE\0 fields ended by
// an empty field, the reply comes back the same way (data/ebuild-env/README.md).
// Every wait has a deadline; a worker that misses it, dies or breaks the
// protocol is killed and replaced by the caller.
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "regen_internal.hpp"

namespace pkgscan::regen {

namespace {

using Clock = std::chrono::steady_clock;

int ms_left(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

// Splits complete fields off the front of `buf` into `out`; true once the
// empty field that ends a reply has been seen (and consumed).
bool take_fields(std::string& buf, Fields& out, std::size_t& scanned) {
  std::size_t start = 0;
  bool done = false;
  for (;;) {
    std::size_t nul = buf.find('\0', std::max(start, scanned));
    if (nul == std::string::npos) break;
    std::string_view field(buf.data() + start, nul - start);
    start = nul + 1;
    if (field.empty()) {
      done = true;
      break;
    }
    std::size_t eq = field.find('=');
    if (eq == std::string_view::npos) out.emplace_back(std::string(field), std::string());
    else out.emplace_back(std::string(field.substr(0, eq)), std::string(field.substr(eq + 1)));
  }
  buf.erase(0, start);
  scanned = buf.size();
  return done;
}

}  // namespace

bool Worker::start(std::string* err) {
  stop();
  Spawned s = spawn_worker(*spec_, home_, err);
  if (s.pid <= 0) return false;
  pid_ = s.pid;
  request_fd_ = s.request_fd;
  reply_fd_ = s.reply_fd;
  for (auto& n : s.notes) notes_.push_back(std::move(n));
  buffer_.clear();
  return true;
}

void Worker::stop(bool graceful) {
  if (graceful && request_fd_ >= 0 && reply_fd_ >= 0) {
    close(request_fd_);
    request_fd_ = -1;
    // The worker exits at the end of its request stream; its reply pipe then
    // reads EOF. Whatever it still wrote is dropped.
    const auto deadline = Clock::now() + std::chrono::milliseconds(500);
    char sink[4096];
    for (;;) {
      pollfd p{reply_fd_, POLLIN, 0};
      int r = poll(&p, 1, ms_left(deadline));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0 || read(reply_fd_, sink, sizeof sink) <= 0) break;
    }
    // Then let it finish reaping its own processes, so that their CPU time
    // is accounted (benchmarks read it); a worker that lingers is killed.
    while (Clock::now() < deadline) {
      pid_t r = waitpid(pid_, nullptr, WNOHANG);
      if (r == pid_ || (r < 0 && errno != EINTR)) {
        pid_ = -1;
        break;
      }
      usleep(2000);
    }
  }
  if (request_fd_ >= 0) close(request_fd_);
  if (reply_fd_ >= 0) close(reply_fd_);
  request_fd_ = reply_fd_ = -1;
  if (pid_ > 0) kill_worker(pid_, spec_->plan);
  pid_ = -1;
}

Worker::Status Worker::exchange(const Fields& request, double timeout_s, Fields& reply, std::string* detail) {
  reply.clear();
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
  auto died = [&](std::string why) {
    if (detail) *detail = std::move(why);
    stop();
    return Status::Died;
  };

  std::string text;
  for (const auto& [name, value] : request) {
    text += name;
    text += '=';
    text += value;
    text += '\0';
  }
  text += '\0';
  std::size_t sent = 0;
  while (sent < text.size()) {
    pollfd p{request_fd_, POLLOUT, 0};
    int r = poll(&p, 1, ms_left(deadline));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      stop();
      return Status::Timeout;
    }
    if (r < 0 || (p.revents & (POLLERR | POLLHUP))) return died("the worker closed its request pipe");
    ssize_t n = send(request_fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return died(std::string("writing the request: ") + std::strerror(errno));
    }
    sent += static_cast<std::size_t>(n);
  }

  std::size_t scanned = 0, received = 0;
  char chunk[65536];
  for (;;) {
    if (take_fields(buffer_, reply, scanned)) {
      if (!buffer_.empty()) return died("the worker sent more than one reply");
      return Status::Reply;
    }
    pollfd p{reply_fd_, POLLIN, 0};
    int r = poll(&p, 1, ms_left(deadline));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) {
      stop();
      return Status::Timeout;
    }
    ssize_t n = read(reply_fd_, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return died(n == 0 ? "the worker exited" : std::string("reading the reply: ") + std::strerror(errno));
    buffer_.append(chunk, static_cast<std::size_t>(n));
    received += static_cast<std::size_t>(n);
    if (received > spec_->limits.reply_bytes) {
      stop();
      return Status::TooLarge;
    }
  }
}

}  // namespace pkgscan::regen
